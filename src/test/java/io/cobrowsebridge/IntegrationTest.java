package io.cobrowsebridge;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import io.cobrowsebridge.support.DocumentServer;
import io.cobrowsebridge.support.JwksServer;
import io.cobrowsebridge.support.LogCapture;
import io.cobrowsebridge.support.KafkaTopics;
import io.cobrowsebridge.support.MailServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
 * OneSpan simulator over HTTP, GreenMail (SMTP/IMAP) and a loopback document server. Every test class extends this, so the context (and its
 * broker) is built once. Tests use their own policy numbers, so they never see each other's records.
 * <p>Security-related wiring, for everyone: OAuth 2.0 callback mode is on (JWKS served by {@link JwksServer}) next to
 * the callback keys; an operator account exists and {@code configprops} is exposed besides health, info and
 * prometheus, so the operator-only door can be tested; a previous launch secret is configured (rotation); launch
 * opens are limited to {@link #LAUNCH_BURST} per package; documents are capped at {@link #MAX_DOCUMENT_BYTES};
 * agent e-mail goes over SMTPS (TLS), trusting GreenMail's self-signed certificate for 127.0.0.1 only.
 * Everything printed from the start (all logs) is kept in {@link #LOGS} for leak checks.
 */
@CamelSpringBootTest
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, partitions = 3,
        topics = {"policy.new", "policy.new.dlq", "onespan.callbacks", "onespan.callbacks.dlq", "crm.signing-events",
                  "cobrowse-bridge.agent-emails", "cobrowse-bridge.callback-dedupe"},
        brokerProperties = {"message.max.bytes=16777216", "replica.fetch.max.bytes=16777216"})
@AutoConfigureObservability
public abstract class IntegrationTest {

    public static final String API_KEY = "test-api-key-not-secret";
    public static final String LAUNCH_SECRET = "test-launch-secret-0123456789";
    public static final String INTAKE_GROUP = "cobrowse-bridge-intake";
    public static final String CALLBACK_KEY = "test-callback-key";
    public static final String NEXT_CALLBACK_KEY = "test-callback-key-next";
    public static final String PREVIOUS_LAUNCH_SECRET = "test-previous-launch-secret-9876543210";
    public static final String ADMIN_USER = "operator";
    public static final String ADMIN_PASSWORD = "test-operator-password-24680";
    public static final int LAUNCH_BURST = 3;
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    /** Inline documents above this are uploaded straight from the record (bridge.documents.stream-above). */
    public static final int STREAM_DOCUMENTS_ABOVE = 64 * 1024;

    /** First, so that it sees every line the JVM prints from here on. */
    protected static final LogCapture LOGS = LogCapture.install();
    protected static final OneSpanSimulator SIMULATOR = OneSpanSimulator.start(0, API_KEY);
    protected static final JwksServer JWKS = JwksServer.start();
    protected static final DocumentServer DOCUMENTS = DocumentServer.start();
    protected static final MailServer MAIL = MailServer.start();

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Duration WAIT = Duration.ofSeconds(30);

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
        registry.add("onespan.response-timeout", () -> "1s");
        registry.add("bridge.launch.secret", () -> LAUNCH_SECRET);
        registry.add("bridge.documents.allowed-base-urls", () -> DOCUMENTS.url("/docs/"));
        registry.add("bridge.onespan-retry.initial-delay-ms", () -> "100");
        registry.add("bridge.onespan-retry.max-delay-ms", () -> "400");
        registry.add("bridge.onespan-retry.settle-ms", () -> "4000");
        registry.add("bridge.callback.keys", () -> CALLBACK_KEY + "," + NEXT_CALLBACK_KEY);
        registry.add("bridge.mail.protocol", () -> "smtps");
        // GreenMail's self-signed certificate: trusted for 127.0.0.1 only; it names no host, so no identity check
        registry.add("camel.component.mail.additional-java-mail-properties[mail.smtps.ssl.trust]", () -> "127.0.0.1");
        registry.add("camel.component.mail.additional-java-mail-properties[mail.smtps.ssl.checkserveridentity]",
                () -> "false");
        registry.add("bridge.mail.host", () -> "127.0.0.1");
        registry.add("bridge.mail.port", MAIL::smtpPort);
        registry.add("bridge.mail.retry.initial-delay-ms", () -> "200");
        registry.add("bridge.mail.retry.max-delay-ms", () -> "1000");
        registry.add("bridge.launch.previous-secret", () -> PREVIOUS_LAUNCH_SECRET);
        registry.add("bridge.launch.rate-limit.capacity", () -> LAUNCH_BURST);
        registry.add("bridge.launch.rate-limit.refill-period", () -> "10m");
        registry.add("bridge.documents.max-bytes", () -> MAX_DOCUMENT_BYTES + "B");
        registry.add("bridge.documents.stream-above", () -> STREAM_DOCUMENTS_ABOVE + "B");
        registry.add("bridge.admin.username", () -> ADMIN_USER);
        registry.add("bridge.admin.password", () -> ADMIN_PASSWORD);
        registry.add("management.endpoints.web.exposure.include", () -> "health,info,prometheus,configprops,deadletters");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> JwksServer.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> JwksServer.AUDIENCE);
        registry.add("bridge.ops.operator-endpoints", () -> "deadletters,configprops");
        registry.add("bridge.ops.health.interval", () -> "500ms");
        registry.add("bridge.ops.health.timeout", () -> "2s");
        registry.add("bridge.ops.consumer-lag.interval", () -> "300ms");
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

    /** CRM events published for a policy, in order. */
    protected List<JsonNode> crmEvents(String policyNumber) {
        return recordsWithKey("crm.signing-events", policyNumber).stream().map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected List<JsonNode> awaitCrmEvents(String policyNumber, int count) {
        return await().atMost(WAIT).until(() -> crmEvents(policyNumber), e -> e.size() >= count);
    }

    protected List<ConsumerRecord<byte[], byte[]>> recordsWithKey(String topic, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return kafka().readAll(topic).stream().filter(r -> Arrays.equals(r.key(), k)).toList();
    }

    protected static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void closeClients() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
