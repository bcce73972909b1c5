package io.cobrowsebridge.ops;

import java.util.Set;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;

/**
 * While actuator shares the public port with the service (no {@code management.server.port}), only
 * {@code health}, {@code info} and {@code prometheus} are served over HTTP, whatever
 * {@code management.endpoints.web.exposure.include} says. Operator endpoints such as {@code camelroutes} appear
 * only once actuator has a port of its own ({@link OpsConfiguration}).
 */
public class PublicPortEndpoints implements EndpointFilter<ExposableWebEndpoint> {

    public static final Set<String> PUBLIC = Set.of("health", "info", "prometheus");

    @Override
    public boolean match(ExposableWebEndpoint endpoint) {
        return PUBLIC.contains(endpoint.getEndpointId().toLowerCaseString());
    }
}
