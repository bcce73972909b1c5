package io.cobrowsebridge.cobrowse;

import io.cobrowsebridge.config.BridgeProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies the service's co-browse launch URLs,
 * {@code {public-base-url}/cobrowse/{packageId}?exp={epochSeconds}&sig={hmac}}.
 * The signature is HMAC-SHA256 over {@code packageId + "\n" + exp}, base64url without padding, compared in
 * constant time.
 */
@Component
public class LaunchUrlSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final String publicBaseUrl;
    private final Duration validity;
    private final Clock clock;

    public LaunchUrlSigner(BridgeProperties properties, Clock clock) {
        BridgeProperties.Launch launch = properties.launch();
        if (launch.secret() == null || launch.secret().length() < 16) {
            throw new IllegalStateException("Missing or short setting bridge.launch.secret (BRIDGE_LAUNCH_SECRET): "
                    + "at least 16 characters are needed to sign co-browse launch URLs");
        }
        this.key = new SecretKeySpec(launch.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.publicBaseUrl = launch.publicBaseUrl();
        this.validity = launch.validity();
        this.clock = clock;
    }

    public LaunchUrl issue(String packageId) {
        Instant expiresAt = clock.instant().plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long exp = expiresAt.getEpochSecond();
        String url = publicBaseUrl + "/cobrowse/" + packageId + "?exp=" + exp + "&sig=" + sign(packageId, exp);
        return new LaunchUrl(url, expiresAt);
    }

    /** True only for an unexpired URL whose signature matches. */
    public boolean verify(String packageId, String exp, String sig) {
        if (packageId == null || exp == null || sig == null) {
            return false;
        }
        long expSeconds;
        try {
            expSeconds = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = sign(packageId, expSeconds).getBytes(StandardCharsets.US_ASCII);
        boolean signatureOk = MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
        long now = clock.instant().getEpochSecond();
        boolean fresh = expSeconds > now && expSeconds <= now + validity.toSeconds();
        return signatureOk && fresh;
    }

    String sign(String packageId, long exp) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((packageId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public record LaunchUrl(String url, Instant expiresAt) {
    }
}
