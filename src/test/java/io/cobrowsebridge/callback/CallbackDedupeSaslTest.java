package io.cobrowsebridge.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.security.KafkaClientSecurity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.unit.DataSize;

/**
 * The callback de-duplication repository creates its own Kafka producer and consumer; with the Camel kafka
 * component configured for SASL (here SASL_PLAINTEXT / PLAIN against an embedded KRaft broker that accepts nothing
 * else), it connects with the same settings: what one instance records, a restarted one reads back.
 */
class CallbackDedupeSaslTest {

    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void saslOnlyBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        broker.brokerProperty("sasl.enabled.mechanisms", "PLAIN");
        broker.brokerProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        broker.brokerProperty("listener.name.external.plain.sasl.jaas.config", PLAIN
                + " username=\"broker\" password=\"broker-secret\" user_broker=\"broker-secret\""
                + " user_bridge=\"bridge-secret\";");
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void theRepositoryUsesTheComponentsSaslSettings() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            KafkaConfiguration configuration = new KafkaConfiguration();
            configuration.setBrokers(broker.getBrokersAsString());
            configuration.setSecurityProtocol("SASL_PLAINTEXT");
            configuration.setSaslMechanism("PLAIN");
            configuration.setSaslJaasConfig(PLAIN + " username=\"bridge\" password=\"bridge-secret\";");
            KafkaComponent kafka = new KafkaComponent();
            kafka.setConfiguration(configuration);
            camel.addComponent("kafka", kafka);
            camel.start();
            BridgeProperties properties = new BridgeProperties(
                    new BridgeProperties.Topics("a", "b", "c", "d", "e", "f", "sasl-dedupe", "h"),
                    new BridgeProperties.Launch("http://x", "0123456789abcdef", Duration.ofHours(1)),
                    new BridgeProperties.Documents(List.of(), DataSize.ofMegabytes(1), Duration.ofSeconds(1), DataSize.ofKilobytes(768)),
                    new BridgeProperties.Intake(DataSize.ofMegabytes(1)), null, null, null);
            KafkaClientSecurity clients = new KafkaClientSecurity(camel);
            try (Admin admin = Admin.create(clients.clientProperties())) { // the topic exists before the service starts
                admin.createTopics(List.of(new NewTopic("sasl-dedupe", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            // startup-only sync: each repository reads the topic once, so it can be stopped without racing its poller
            KafkaIdempotentRepository first = new CallbackBeans().callbackDedupe(properties, clients);
            first.setStartupOnly(true);
            first.setCamelContext(camel);
            first.start();
            assertThat(first.add("COBROWSE_REQUEST|pkg-1=|2026-12-04T10:00:00Z|null|signer1")).isTrue(); // acknowledged
            first.stop();

            KafkaIdempotentRepository restarted = new CallbackBeans().callbackDedupe(properties, clients);
            restarted.setStartupOnly(true);
            restarted.setCamelContext(camel);
            restarted.start();
            assertThat(restarted.contains("COBROWSE_REQUEST|pkg-1=|2026-12-04T10:00:00Z|null|signer1"))
                    .as("read back over SASL").isTrue();
            assertThat(restarted.getConsumerConfig()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "PLAIN");
            assertThat(restarted.getProducerConfig()).containsEntry("security.protocol", "SASL_PLAINTEXT");
            restarted.stop();
        }
    }
}
