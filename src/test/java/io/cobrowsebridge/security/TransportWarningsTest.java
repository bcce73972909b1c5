package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.config.OneSpanProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

class TransportWarningsTest {

    @Test
    void loopbackEverywhereIsFine() {
        TransportWarnings warnings = warnings("http://localhost:8089", "http://localhost:8080", "http://127.0.0.1:9/docs/",
                "smtp", "localhost", new MockEnvironment().withProperty("camel.component.kafka.brokers", "localhost:9092"));
        assertThat(warnings.findings()).isEmpty();
    }

    @Test
    void everyCleartextConnectionToAnotherHostIsNamed() {
        TransportWarnings warnings = warnings("http://sandbox.esignlive.example", "http://bridge.insurer.example",
                "http://docs.insurer.example/policies/", "smtp", "smtp.insurer.example",
                new MockEnvironment().withProperty("camel.component.kafka.brokers", "kafka-1.insurer.example:9092"));
        assertThat(warnings.findings()).hasSize(5).anySatisfy(f -> assertThat(f).startsWith("onespan.base-url"))
                .anySatisfy(f -> assertThat(f).startsWith("bridge.launch.public-base-url"))
                .anySatisfy(f -> assertThat(f).startsWith("bridge.documents.allowed-base-urls"))
                .anySatisfy(f -> assertThat(f).startsWith("Kafka security-protocol PLAINTEXT"))
                .anySatisfy(f -> assertThat(f).startsWith("SMTP to smtp.insurer.example"));
    }

    @Test
    void tlsEverywhereIsFine() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("camel.component.kafka.brokers", "kafka-1.insurer.example:9093")
                .withProperty("camel.component.kafka.security-protocol", "SASL_SSL")
                .withProperty("camel.component.mail.additional-java-mail-properties[mail.smtp.starttls.required]", "true");
        assertThat(warnings("https://sandbox.esignlive.example", "https://bridge.insurer.example",
                "https://docs.insurer.example/policies/", "smtp", "smtp.insurer.example", environment).findings()).isEmpty();
    }

    private static TransportWarnings warnings(String oneSpan, String publicBase, String documents, String mailProtocol,
                                              String mailHost, MockEnvironment environment) {
        BridgeProperties bridge = new BridgeProperties(
                new BridgeProperties.Topics("a", "b", "c", "d", "e", "f", "g", "h"),
                new BridgeProperties.Launch(publicBase, "0123456789abcdef", Duration.ofHours(1)),
                new BridgeProperties.Documents(List.of(URI.create(documents)), DataSize.ofMegabytes(1), Duration.ofSeconds(1), DataSize.ofKilobytes(768)),
                new BridgeProperties.Intake(DataSize.ofMegabytes(1)), null,
                new BridgeProperties.Mail(mailProtocol, mailHost, 25, "bridge@insurer.example", Set.of()), null);
        OneSpanProperties properties = new OneSpanProperties(oneSpan, "api-key", "key", null, null, "SENT", true, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        return new TransportWarnings(properties, bridge, environment);
    }
}
