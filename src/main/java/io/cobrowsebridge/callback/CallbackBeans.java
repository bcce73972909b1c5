package io.cobrowsebridge.callback;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.security.KafkaClientSecurity;
import java.util.Properties;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
class CallbackBeans {

    /**
     * Ids of routed notifications, shared by every instance through a Kafka topic and reloaded from it (to its end
     * offsets) before the dispatch route consumes: a repeated delivery is routed once, also across restarts.
     * Its own producer and consumer use the brokers and security settings (TLS, SASL) of the Camel kafka component.
     */
    @Bean
    @DependsOn("internalTopics")
    KafkaIdempotentRepository callbackDedupe(BridgeProperties properties, KafkaClientSecurity kafkaClients) {
        Properties connection = kafkaClients.clientProperties();
        Properties producer = new Properties();
        producer.putAll(connection);
        Properties consumer = new Properties();
        consumer.putAll(connection);
        KafkaIdempotentRepository repository =
                new KafkaIdempotentRepository(properties.topics().callbackDedupe(), consumer, producer);
        repository.setMaxCacheSize(100_000);
        return repository;
    }
}
