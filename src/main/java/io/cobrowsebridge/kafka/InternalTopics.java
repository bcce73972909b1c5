package io.cobrowsebridge.kafka;

import io.cobrowsebridge.config.BridgeProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates, at start-up and if missing, the compacted topics the service keeps its own state in (routed callback
 * ids, replayed dead letters). The business topics of design.md are the deployer's to create.
 */
@Component
public class InternalTopics {

    private static final Logger log = LoggerFactory.getLogger(InternalTopics.class);

    public InternalTopics(BridgeProperties properties, @Value("${camel.component.kafka.brokers}") String brokers) {
        List<String> names = List.of(properties.topics().callbackDedupe(), properties.topics().dlqReplayed());
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            for (String name : names) {
                NewTopic topic = new NewTopic(name, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                    log.info("Created compacted topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        log.warn("Could not create topic {}: {}", name, e.getCause().getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer while checking internal topics {}: they must exist before use", names);
        }
    }
}
