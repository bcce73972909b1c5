package io.cobrowsebridge.ops;

import java.util.Set;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;

/**
 * While actuator shares the public port with the service (no {@code management.server.port}), only
 * {@code health}, {@code info} and {@code prometheus} are served over HTTP, plus the operator endpoints named in
 * {@code bridge.ops.operator-endpoints} (default: {@code deadletters}, the replay), which Spring Security keeps behind
 * the operator account, whatever {@code management.endpoints.web.exposure.include} says. Other operator endpoints
 * such as {@code camelroutes} appear only once actuator has a port of its own ({@link OpsConfiguration}).
 */
public class PublicPortEndpoints implements EndpointFilter<ExposableWebEndpoint> {

    public static final Set<String> PUBLIC = Set.of("health", "info", "prometheus");

    private final Set<String> operatorEndpoints;

    public PublicPortEndpoints(Set<String> operatorEndpoints) {
        this.operatorEndpoints = operatorEndpoints;
    }

    @Override
    public boolean match(ExposableWebEndpoint endpoint) {
        String id = endpoint.getEndpointId().toLowerCaseString();
        return PUBLIC.contains(id) || operatorEndpoints.contains(id);
    }
}
