package io.cobrowsebridge.ops;

import io.cobrowsebridge.security.SecurityConfig;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Processor;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    /** {@code onExceptionOccurredRef} of the smtp-retry route configuration: counts every failed SMTP attempt. */
    @Bean
    Processor countEmailFailure(BusinessMetrics metrics) {
        return exchange -> metrics.emailFailed();
    }

    /** Actuator on the public port: health, info, prometheus and the operator endpoints (see {@link PublicPortEndpoints}). */
    @Bean
    @ConditionalOnManagementPort(ManagementPortType.SAME)
    PublicPortEndpoints publicPortEndpoints(OpsProperties properties) {
        return new PublicPortEndpoints(properties.operatorEndpoints());
    }

    /**
     * No {@code http.server.requests} observation for {@code POST /onespan/callback}: recording it cost more CPU than
     * the rest of Spring's share of a callback. The callback-intake route's own metrics
     * ({@code camel_exchanges_*}, {@code camel_route_policy_seconds{routeId="callback-intake"}}) count and time it.
     */
    @Bean
    ObservationPredicate noHttpObservationOfCallbacks() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && isCallback(server.getCarrier()));
    }

    private static boolean isCallback(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return uri.length() == contextPath.length() + SecurityConfig.CALLBACK_PATH.length() && uri.startsWith(contextPath)
                && uri.endsWith(SecurityConfig.CALLBACK_PATH);
    }
}
