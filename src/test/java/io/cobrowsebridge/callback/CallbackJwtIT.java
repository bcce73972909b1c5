package io.cobrowsebridge.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cobrowsebridge.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OneSpan's OAuth 2.0 callback mode: {@code POST /onespan/callback} with a bearer JWT from the configured issuer
 * (here a loopback JWKS with a locally generated RSA key), accepted instead of the callback key.
 */
class CallbackJwtIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidBearerTokenIsAcceptedWithoutACallbackKeyAndTheBodyIsStored() throws Exception {
        String packageId = newPackageId();
        String body = callback(packageId);

        HttpResponse<String> response = post(body, "Bearer " + JWKS.validToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"stored\"}");
        var stored = await().atMost(WAIT).until(() -> recordsWithKey("onespan.callbacks", packageId), r -> r.size() == 1);
        assertThat(new String(stored.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(stored.get(0).headers().toArray()).as("no request header travels to Kafka").isEmpty();
    }

    @Test
    void invalidBearerTokensGet401AndNothingIsStored() throws Exception {
        String packageId = newPackageId();
        String body = callback(packageId);

        for (String token : new String[] {JWKS.expiredToken(), JWKS.tokenWithWrongSignature(),
                JWKS.tokenFromOtherIssuer(), JWKS.tokenForOtherAudience(), "not-a-jwt", CALLBACK_KEY}) {
            HttpResponse<String> response = post(body, "Bearer " + token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("invalid_token"));
        }
        // the key path is untouched: a marker callback with the key is stored, the refused ones before it are not
        String marker = newPackageId();
        assertThat(post(callback(marker), "Basic " + CALLBACK_KEY).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> recordsWithKey("onespan.callbacks", marker), r -> r.size() == 1);
        assertThat(recordsWithKey("onespan.callbacks", packageId)).isEmpty();
    }

    @Test
    void aBearerTokenDoesNotReplaceTheOtherChecks() throws Exception {
        String token = JWKS.validToken();
        assertThat(post("not json", "Bearer " + token).statusCode()).isEqualTo(400);
        assertThat(post("{\"name\":\"PACKAGE_COMPLETE\"}", "Bearer " + token).statusCode()).isEqualTo(400);
        assertThat(post("{\"name\":\"X\",\"packageId\":\"p\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}", "Bearer " + token)
                .statusCode()).isEqualTo(413);
    }

    private static String newPackageId() {
        return "Jwt" + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + "=";
    }

    private static String callback(String packageId) {
        return "{\"@class\":\"com.silanis.esl.packages.event.ESLProcessEvent\",\"name\":\"PACKAGE_COMPLETE\","
                + "\"sessionUser\":\"signer1\",\"packageId\":\"" + packageId + "\",\"message\":null,"
                + "\"documentId\":null,\"createdDate\":\"2026-12-04T11:00:00.000Z\"}";
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/onespan/callback"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
