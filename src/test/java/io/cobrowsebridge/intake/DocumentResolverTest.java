package io.cobrowsebridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.config.BridgeProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DocumentResolverTest {

    private final DocumentResolver resolver = new DocumentResolver(new BridgeProperties(
            new BridgeProperties.Topics("a", "b", "c", "d", "e", "f", "g", "h"),
            new BridgeProperties.Launch("http://x", "0123456789abcdef", Duration.ofHours(1)),
            new BridgeProperties.Documents(List.of(URI.create("https://docs.insurer.example/policies")),
                    DataSize.ofMegabytes(1), Duration.ofSeconds(1), DataSize.ofKilobytes(768)),
            new BridgeProperties.Intake(DataSize.ofMegabytes(1)), null, null, null));

    @Test
    void allowsOnlyUrlsUnderAnAllowedBase() {
        assertThat(resolver.isAllowed(URI.create("https://docs.insurer.example/policies/p1.pdf"))).isTrue();
        assertThat(resolver.isAllowed(URI.create("https://DOCS.insurer.example:443/policies/a/b.pdf"))).isTrue();

        assertThat(resolver.isAllowed(URI.create("https://docs.insurer.example/policies-evil/p1.pdf"))).isFalse();
        assertThat(resolver.isAllowed(URI.create("https://docs.insurer.example/policies/../admin/x"))).isFalse();
        assertThat(resolver.isAllowed(URI.create("http://docs.insurer.example/policies/p1.pdf"))).as("scheme").isFalse();
        assertThat(resolver.isAllowed(URI.create("https://docs.insurer.example:8443/policies/p1.pdf"))).as("port").isFalse();
        assertThat(resolver.isAllowed(URI.create("https://docs.insurer.example.evil.com/policies/p1.pdf"))).isFalse();
        assertThat(resolver.isAllowed(URI.create("https://user@docs.insurer.example/policies/p1.pdf"))).isFalse();
        assertThat(resolver.isAllowed(URI.create("file:///etc/passwd"))).isFalse();
        assertThat(resolver.isAllowed(URI.create("jar:file:/x.jar!/a"))).isFalse();
        assertThat(resolver.isAllowed(URI.create("http://127.0.0.1/policies/p1.pdf"))).isFalse();
    }
}
