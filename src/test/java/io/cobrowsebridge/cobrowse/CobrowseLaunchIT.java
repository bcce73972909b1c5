package io.cobrowsebridge.cobrowse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.config.BridgeProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/** GET /cobrowse/{packageId}: signed launch URL to a fresh OneSpan co-browse link, over real HTTP; rotation and rate limit. */
class CobrowseLaunchIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    LaunchUrlSigner signer;

    private String packageId;

    @BeforeEach
    void createPackage() throws Exception {
        // the intake also mints sender tokens: let earlier tests' events finish, so token counts are this test's own
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> kafka().uncommitted(INTAKE_GROUP, "policy.new") == 0);
        packageId = createPackageId();
    }

    @Test
    void validLaunchUrlRedirectsToOneSpanCobrowseLinkWithFreshToken() throws Exception {
        int tokensBefore = SIMULATOR.senderTokensIssued();
        HttpResponse<String> response = get(localPathOf(signer.issue(packageId).url()));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SIMULATOR.baseUrl() + "/auth?authenticationToken=");
        Map<String, String> query = query(URI.create(location));
        assertThat(query.get("target"))
                .isEqualTo(SIMULATOR.baseUrl() + "/transaction/" + packageId + "/sign?adHocCobrowsing");
        assertThat(location).contains("&target=" + SIMULATOR.baseUrl().replace(":", "%3A").replace("/", "%2F"));
        assertThat(SIMULATOR.senderTokensIssued()).isEqualTo(tokensBefore + 1);
        assertThat(SIMULATOR.issuedTokens()).contains(query.get("authenticationToken"));

        HttpResponse<String> onespan = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onespan.statusCode()).as("the simulator accepts the minted token").isEqualTo(302);
        assertThat(onespan.headers().firstValue("Location")).hasValue(query.get("target"));
    }

    @Test
    void tamperedExpiredOrMalformedLaunchUrlsGet403AndMintNothing() throws Exception {
        int tokensBefore = SIMULATOR.senderTokensIssued();
        String valid = localPathOf(signer.issue(packageId).url());
        String sig = valid.substring(valid.indexOf("sig=") + 4);
        long exp = Long.parseLong(valid.replaceAll(".*exp=(\\d+).*", "$1"));
        long past = Instant.now().minusSeconds(60).getEpochSecond();

        assertThat(get(valid.replace("sig=" + sig, "sig=" + flip(sig))).statusCode()).isEqualTo(403);
        assertThat(get(valid.replace("exp=" + exp, "exp=" + (exp + 1))).statusCode()).isEqualTo(403);
        assertThat(get("/cobrowse/" + packageId + "?exp=" + past + "&sig=" + signer.sign(packageId, past)).statusCode())
                .as("expired, correctly signed").isEqualTo(403);
        assertThat(get("/cobrowse/" + packageId + "?exp=" + exp).statusCode()).isEqualTo(403);
        assertThat(get("/cobrowse/" + "other" + packageId + "?exp=" + exp + "&sig=" + sig).statusCode()).isEqualTo(403);
        assertThat(get("/cobrowse/%2E%2E%2Fx?exp=" + exp + "&sig=" + sig).statusCode()).isIn(400, 403, 404);
        assertThat(SIMULATOR.senderTokensIssued()).isEqualTo(tokensBefore);
    }

    @Test
    void aValidLaunchUrlOpenedAgainMintsAFreshTokenUntilThePerPackageLimitThen429() throws Exception {
        String launch = localPathOf(signer.issue(packageId).url());
        int tokensBefore = SIMULATOR.senderTokensIssued();
        Set<String> locations = new HashSet<>();
        for (int i = 0; i < LAUNCH_BURST; i++) {
            HttpResponse<String> opened = get(launch);
            assertThat(opened.statusCode()).as("open %d", i + 1).isEqualTo(302);
            locations.add(opened.headers().firstValue("Location").orElseThrow());
        }
        assertThat(locations).as("a fresh single-use token each time").hasSize(LAUNCH_BURST);

        HttpResponse<String> limited = get(launch);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 600L));
        assertThat(limited.headers().firstValue("Location")).isEmpty();
        assertThat(SIMULATOR.senderTokensIssued()).isEqualTo(tokensBefore + LAUNCH_BURST);

        assertThat(get(launch.replace("sig=", "sig=x")).statusCode()).as("a tampered URL is still refused as such")
                .isEqualTo(403);
        String otherPackage = createPackageId();
        assertThat(get(localPathOf(signer.issue(otherPackage).url())).statusCode()).as("limit is per package")
                .isEqualTo(302);
    }

    @Test
    void duringASecretRotationUrlsSignedWithThePreviousSecretStillOpen() throws Exception {
        BridgeProperties previous = new BridgeProperties(
                new BridgeProperties.Topics("a", "b", "c", "d", "e", "f", "g", "h"),
                new BridgeProperties.Launch(baseUrl(), PREVIOUS_LAUNCH_SECRET,
                        Duration.ofDays(7)),
                new BridgeProperties.Documents(List.of(),
                        DataSize.ofMegabytes(1), Duration.ofSeconds(1), DataSize.ofKilobytes(768)),
                new BridgeProperties.Intake(DataSize.ofMegabytes(1)),
                null, null, null);
        String signedBeforeRotation = new LaunchUrlSigner(previous, Clock.systemUTC()).issue(packageId).url();

        assertThat(get(localPathOf(signedBeforeRotation)).statusCode()).isEqualTo(302);
        assertThat(signer.issue(packageId).url()).as("new URLs use the current secret")
                .isNotEqualTo(signedBeforeRotation);
    }

    private String createPackageId() throws Exception {
        HttpRequest create = HttpRequest.newBuilder(URI.create(SIMULATOR.baseUrl() + "/api/packages"))
                .header("Authorization", "Basic " + API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Policy P-LAUNCH\",\"adHocCobrowsing\":true}"))
                .build();
        String body = http.send(create, HttpResponse.BodyHandlers.ofString()).body();
        return body.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String localPathOf(String launchUrl) {
        URI uri = URI.create(launchUrl);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String flip(String sig) {
        char last = sig.charAt(sig.length() - 1);
        return sig.substring(0, sig.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
