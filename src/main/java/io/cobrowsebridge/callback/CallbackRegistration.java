package io.cobrowsebridge.callback;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.onespan.OneSpanClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * When {@code bridge.callback.registration.enabled=true}: tells OneSpan, once the service is up, to send its
 * notifications to this service's callback endpoint with the (first) callback key.
 */
@Component
@ConditionalOnProperty(name = "bridge.callback.registration.enabled", havingValue = "true")
class CallbackRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CallbackRegistration.class);

    private final OneSpanClient oneSpan;
    private final BridgeProperties properties;

    CallbackRegistration(OneSpanClient oneSpan, BridgeProperties properties) {
        this.oneSpan = oneSpan;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        BridgeProperties.Registration registration = properties.callback().registration();
        String url = registration.url() == null || registration.url().isBlank()
                ? properties.launch().publicBaseUrl() + "/onespan/callback" : registration.url();
        oneSpan.registerCallback(url, properties.callback().keys().get(0), registration.events());
        log.info("Registered callback URL {} with OneSpan for events {}", url, registration.events());
    }
}
