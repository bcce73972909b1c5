package io.cobrowsebridge.security;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Connection settings for Kafka clients that this service creates itself, outside Camel's kafka endpoints (the
 * callback de-duplication repository; any admin or health client): the bootstrap servers plus every
 * {@code security.*}, {@code sasl.*} and {@code ssl.*} setting of the Camel kafka component
 * ({@code camel.component.kafka.security-protocol}, {@code sasl-mechanism}, {@code sasl-jaas-config},
 * {@code ssl-truststore-location}, ..., and {@code additional-properties}), so one configuration secures them all.
 */
@Component
public class KafkaClientSecurity {

    private final CamelContext camel;

    public KafkaClientSecurity(CamelContext camel) {
        this.camel = camel;
    }

    /** Bootstrap servers and security settings, as Kafka client properties. */
    public Properties clientProperties() {
        KafkaConfiguration configuration = camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
        return clientProperties(configuration);
    }

    static Properties clientProperties(KafkaConfiguration configuration) {
        Properties all = new Properties();
        all.putAll(configuration.createConsumerProperties());
        all.putAll(configuration.createProducerProperties());
        Properties client = new Properties();
        all.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (value != null && (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl."))) {
                client.put(name, value);
            }
        });
        client.put("bootstrap.servers", configuration.getBrokers());
        return client;
    }
}
