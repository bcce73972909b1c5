package io.cobrowsebridge.cobrowse;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.config.MissingSettingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies the service's co-browse launch URLs,
 * {@code {public-base-url}/cobrowse/{packageId}?exp={epochSeconds}&sig={hmac}}.
 * The signature is HMAC-SHA256 over {@code packageId + "\n" + exp}, base64url without padding, compared in
 * constant time. Key rotation: URLs are signed with {@code bridge.launch.secret}; during a rotation a URL signed with
 * {@code bridge.launch.previous-secret} still verifies (both are always checked, no early exit).
 */
@Component
public class LaunchUrlSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final List<SecretKeySpec> verificationKeys;
    private final String publicBaseUrl;
    private final Duration validity;
    private final Clock clock;

    public LaunchUrlSigner(BridgeProperties properties, Clock clock) {
        BridgeProperties.Launch launch = properties.launch();
        if (launch.secret() == null || launch.secret().length() < 16) {
            throw new MissingSettingException("Missing or short setting bridge.launch.secret (BRIDGE_LAUNCH_SECRET): "
                    + "at least 16 characters are needed to sign co-browse launch URLs");
        }
        if (launch.previousSecret() != null && launch.previousSecret().length() < 16) {
            throw new MissingSettingException("Short setting bridge.launch.previous-secret (BRIDGE_LAUNCH_PREVIOUS_SECRET): "
                    + "at least 16 characters, or leave it empty outside a key rotation");
        }
        this.key = new SecretKeySpec(launch.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.verificationKeys = launch.previousSecret() == null ? List.of(key)
                : List.of(key, new SecretKeySpec(launch.previousSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM));
        this.publicBaseUrl = launch.publicBaseUrl();
        this.validity = launch.validity();
        this.clock = clock;
    }

    public LaunchUrl issue(String packageId) {
        Instant expiresAt = clock.instant().plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long exp = expiresAt.getEpochSecond();
        String url = publicBaseUrl + "/cobrowse/" + packageId + "?exp=" + exp + "&sig=" + sign(key, packageId, exp);
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
        byte[] presented = sig.getBytes(StandardCharsets.US_ASCII);
        boolean signatureOk = false;
        for (SecretKeySpec candidate : verificationKeys) {
            byte[] expected = sign(candidate, packageId, expSeconds).getBytes(StandardCharsets.US_ASCII);
            signatureOk |= MessageDigest.isEqual(expected, presented); // every key is compared, no early exit
        }
        long now = clock.instant().getEpochSecond();
        boolean fresh = expSeconds > now && expSeconds <= now + validity.toSeconds();
        return signatureOk && fresh;
    }

    String sign(String packageId, long exp) {
        return sign(key, packageId, exp);
    }

    private static String sign(SecretKeySpec secret, String packageId, long exp) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            byte[] digest = mac.doFinal((packageId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public record LaunchUrl(String url, Instant expiresAt) {
    }
}
