package io.cobrowsebridge;

import io.cobrowsebridge.simulator.OneSpanSimulator;
import io.cobrowsebridge.support.DocumentServer;
import io.cobrowsebridge.support.KafkaTopics;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of the integration suite: the real application against a real embedded KRaft broker, the
 * OneSpan simulator over HTTP and a loopback document server. Every test class extends this, so the context (and its
 * broker) is built once. Tests use their own policy numbers, so they never see each other's records.
 */
@CamelSpringBootTest
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, partitions = 3,
        topics = {"policy.new", "policy.new.dlq", "onespan.callbacks", "crm.signing-events"},
        brokerProperties = {"message.max.bytes=16777216", "replica.fetch.max.bytes=16777216"})
@AutoConfigureObservability
public abstract class IntegrationTest {

    public static final String API_KEY = "test-api-key-not-secret";
    public static final String LAUNCH_SECRET = "test-launch-secret-0123456789";
    public static final String INTAKE_GROUP = "cobrowse-bridge-intake";

    protected static final OneSpanSimulator SIMULATOR = OneSpanSimulator.start(0, API_KEY);
    protected static final DocumentServer DOCUMENTS = DocumentServer.start();

    private static KafkaTopics kafka;

    @Autowired
    protected CamelContext camel;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void wireTestServers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.kafka.brokers", () -> "${spring.embedded.kafka.brokers}");
        registry.add("onespan.base-url", SIMULATOR::baseUrl);
        registry.add("onespan.api-key", () -> API_KEY);
        registry.add("onespan.response-timeout", () -> "3s");
        registry.add("bridge.launch.secret", () -> LAUNCH_SECRET);
        registry.add("bridge.documents.allowed-base-urls", () -> DOCUMENTS.url("/docs/"));
        registry.add("bridge.onespan-retry.initial-delay-ms", () -> "100");
        registry.add("bridge.onespan-retry.max-delay-ms", () -> "400");
    }

    @BeforeEach
    void clearFaults() {
        SIMULATOR.clearFaults();
    }

    protected KafkaTopics kafka() {
        if (kafka == null) {
            kafka = new KafkaTopics(broker.getBrokersAsString());
        }
        return kafka;
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    @AfterAll
    static void closeClients() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
