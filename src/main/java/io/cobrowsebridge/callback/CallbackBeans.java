package io.cobrowsebridge.callback;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.kafka.InternalTopics;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CallbackBeans {

    /**
     * Ids of routed notifications, shared by every instance through a Kafka topic and reloaded from it (to its end
     * offsets) before the dispatch route consumes: a repeated delivery is routed once, also across restarts.
     */
    @Bean
    KafkaIdempotentRepository callbackDedupe(BridgeProperties properties, InternalTopics topics,
                                             @Value("${camel.component.kafka.brokers}") String brokers) {
        KafkaIdempotentRepository repository = new KafkaIdempotentRepository(properties.topics().callbackDedupe(), brokers);
        repository.setMaxCacheSize(100_000);
        return repository;
    }
}
