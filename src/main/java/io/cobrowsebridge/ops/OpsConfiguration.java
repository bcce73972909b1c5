package io.cobrowsebridge.ops;

import org.apache.camel.Processor;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
