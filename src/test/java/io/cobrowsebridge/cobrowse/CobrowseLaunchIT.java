package io.cobrowsebridge.cobrowse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /cobrowse/{packageId}: signed launch URL to a fresh OneSpan co-browse link, over real HTTP. */
class CobrowseLaunchIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    LaunchUrlSigner signer;

    private String packageId;

    @BeforeEach
    void createPackage() throws Exception {
        HttpRequest create = HttpRequest.newBuilder(URI.create(SIMULATOR.baseUrl() + "/api/packages"))
                .header("Authorization", "Basic " + API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Policy P-LAUNCH\",\"adHocCobrowsing\":true}"))
                .build();
        String body = http.send(create, HttpResponse.BodyHandlers.ofString()).body();
        packageId = body.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
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
