package io.cobrowsebridge.cobrowse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cobrowsebridge.config.BridgeProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LaunchUrlSignerTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private static LaunchUrlSigner signer(String secret, Instant now) {
        return signer(secret, null, now);
    }

    private static LaunchUrlSigner signer(String secret, String previousSecret, Instant now) {
        BridgeProperties props = new BridgeProperties(
                new BridgeProperties.Topics("a", "b", "c", "d", "e", "f", "g", "h"),
                new BridgeProperties.Launch("https://bridge.example/", secret, Duration.ofHours(1), previousSecret),
                new BridgeProperties.Documents(List.of(), DataSize.ofMegabytes(1), Duration.ofSeconds(1), DataSize.ofKilobytes(768)),
                new BridgeProperties.Intake(DataSize.ofMegabytes(1)), null, null, null);
        return new LaunchUrlSigner(props, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void issuesUrlThatVerifiesUntilItExpires() {
        LaunchUrlSigner.LaunchUrl url = signer("0123456789abcdef", NOW).issue("pkg-1=");
        assertThat(url.url()).startsWith("https://bridge.example/cobrowse/pkg-1=?exp=" + NOW.plusSeconds(3600).getEpochSecond() + "&sig=");
        assertThat(url.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        String exp = String.valueOf(url.expiresAt().getEpochSecond());
        String sig = url.url().substring(url.url().indexOf("sig=") + 4);

        assertThat(signer("0123456789abcdef", NOW.plusSeconds(3599)).verify("pkg-1=", exp, sig)).isTrue();
        assertThat(signer("0123456789abcdef", NOW.plusSeconds(3600)).verify("pkg-1=", exp, sig)).as("expired").isFalse();
        assertThat(signer("another-secret-16", NOW).verify("pkg-1=", exp, sig)).as("other secret").isFalse();
        assertThat(signer("0123456789abcdef", NOW).verify("pkg-2=", exp, sig)).as("other package").isFalse();
        assertThat(signer("0123456789abcdef", NOW).verify("pkg-1=", "abc", sig)).isFalse();
        assertThat(signer("0123456789abcdef", NOW).verify("pkg-1=", exp, null)).isFalse();
    }

    @Test
    void expiryBeyondTheConfiguredValidityIsRefusedEvenWhenSigned() {
        LaunchUrlSigner s = signer("0123456789abcdef", NOW);
        long farFuture = NOW.plusSeconds(10 * 3600).getEpochSecond();
        assertThat(s.verify("pkg-1=", String.valueOf(farFuture), s.sign("pkg-1=", farFuture))).isFalse();
    }

    @Test
    void refusesToStartWithoutASecret() {
        assertThatThrownBy(() -> signer(null, NOW)).hasMessageContaining("bridge.launch.secret");
        assertThatThrownBy(() -> signer("short", NOW)).hasMessageContaining("BRIDGE_LAUNCH_SECRET");
    }

    @Test
    void duringARotationUrlsSignedWithThePreviousSecretStillVerifyAndNewOnesUseTheCurrentSecret() {
        String oldSecret = "old-secret-0123456789";
        String newSecret = "new-secret-0123456789";
        LaunchUrlSigner.LaunchUrl issuedBefore = signer(oldSecret, NOW).issue("pkg-1=");
        String exp = String.valueOf(issuedBefore.expiresAt().getEpochSecond());
        String oldSig = issuedBefore.url().substring(issuedBefore.url().indexOf("sig=") + 4);

        LaunchUrlSigner rotating = signer(newSecret, oldSecret, NOW);
        assertThat(rotating.verify("pkg-1=", exp, oldSig)).as("signed before the rotation").isTrue();
        LaunchUrlSigner.LaunchUrl issuedDuring = rotating.issue("pkg-1=");
        String newSig = issuedDuring.url().substring(issuedDuring.url().indexOf("sig=") + 4);
        assertThat(newSig).isEqualTo(signer(newSecret, NOW).sign("pkg-1=", issuedDuring.expiresAt().getEpochSecond()));
        assertThat(rotating.verify("pkg-1=", exp, newSig)).isTrue();

        assertThat(signer(newSecret, NOW).verify("pkg-1=", exp, oldSig)).as("rotation finished").isFalse();
        assertThat(rotating.verify("pkg-2=", exp, oldSig)).isFalse();
        assertThatThrownBy(() -> signer(newSecret, "short", NOW)).hasMessageContaining("bridge.launch.previous-secret");
    }
}
