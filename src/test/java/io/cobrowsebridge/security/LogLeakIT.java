package io.cobrowsebridge.security;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.onespan.OneSpanClient;
import io.cobrowsebridge.support.PolicyEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole local scenario (intake with documents inline and by URL, launch URLs opened, tampered and expired,
 * callbacks with key and with bearer token, a co-browse help request e-mailed to the agent, dead letters, metrics)
 * with every line the JVM logged since the suite started captured, then searched for anything secret: keys, tokens
 * the OneSpan simulator or the authorization server issued, launch URL signatures, document content, and customer
 * e-mail addresses and phone numbers in clear.
 */
class LogLeakIT extends IntegrationTest {

    private static final String CUSTOMER_EMAIL = "amelie.dufour@example.com";
    private static final String CUSTOMER_PHONE = "+15145550177";
    private static final String HELP_PHONE = "+1 514 555 0199";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    OneSpanClient oneSpan;

    @Test
    void theWholeScenarioLeavesNoSecretTokenSignatureDocumentOrContactDetailInTheLogs() throws Exception {
        oneSpan.registerCallback(baseUrl() + "/onespan/callback", CALLBACK_KEY, List.of("COBROWSE_REQUEST"));
        List<String> signatures = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();

        // intake: one document inline, one by URL; plus a dead letter whose parser error quotes document content
        String policyNumber = newPolicyNumber();
        byte[] inline = document("inline");
        byte[] byUrl = document("by-url");
        ObjectNode event = event(policyNumber, 1);
        ((ObjectNode) event.path("policyholders").get(0)).put("email", CUSTOMER_EMAIL).put("phone", CUSTOMER_PHONE);
        ((ObjectNode) event.path("documents").get(0)).put("contentBase64", Base64.getEncoder().encodeToString(inline));
        PolicyEvents.addDocument(event, "Terms", byUrl).remove("contentBase64");
        ((ObjectNode) event.path("documents").get(1)).put("url", DOCUMENTS.put("/docs/" + policyNumber + "-terms.pdf", byUrl));
        kafka().publish("policy.new", policyNumber, bytes(event));
        byte[] broken = document("broken");
        String brokenKey = newPolicyNumber();
        kafka().publish("policy.new", brokenKey, ("{\"eventId\":\"e-1\",\"documents\":[{\"contentBase64\":"
                + Base64.getEncoder().encodeToString(broken) + "}]}").getBytes(StandardCharsets.UTF_8));

        JsonNode created = awaitCrmEvents(policyNumber, 1).get(0);
        String packageId = created.path("packageId").asText();
        String launchUrl = created.at("/cobrowse/launchUrl").asText();
        signatures.add(signature(launchUrl));

        // launch URLs: valid (then the OneSpan link is followed, as a browser would), tampered, expired
        HttpResponse<String> launched = get(localPath(launchUrl));
        assertThat(launched.statusCode()).isEqualTo(302);
        String cobrowseLink = launched.headers().firstValue("Location").orElseThrow();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(cobrowseLink)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
        assertThat(get(localPath(launchUrl).replace("sig=", "sig=A")).statusCode()).isEqualTo(403);
        long past = Instant.now().minusSeconds(5).getEpochSecond();
        assertThat(get("/cobrowse/" + packageId + "?exp=" + past + "&sig=" + signature(launchUrl)).statusCode())
                .isEqualTo(403);

        // callbacks: a co-browse help request (key), a decline, refused ones, and bearer-token ones
        assertThat(SIMULATOR.fireCallback(packageId, "COBROWSE_REQUEST", Map.of("sessionUser", "signer1",
                "phone", HELP_PHONE, "comment", "Call me about " + CUSTOMER_EMAIL,
                "selectedSupportBusinessHours", List.of("Morning - 9AM to 12PM ((GMT 0:00) GMT)")))).isEqualTo(200);
        assertThat(SIMULATOR.fireCallback(packageId, "PACKAGE_DECLINE",
                Map.of("sessionUser", "signer1", "message", "Reach me at " + CUSTOMER_PHONE))).isEqualTo(200);
        String body = "{\"name\":\"PACKAGE_EXPIRE\",\"packageId\":\"" + packageId + "\",\"createdDate\":\"" + Instant.now() + "\"}";
        assertThat(post(body, "Basic " + NEXT_CALLBACK_KEY + "-wrong").statusCode()).isEqualTo(401);
        assertThat(post(body, "Bearer " + JWKS.expiredToken()).statusCode()).isEqualTo(401);
        assertThat(post(body, "Bearer " + JWKS.tokenWithWrongSignature()).statusCode()).isEqualTo(401);
        assertThat(post(body, "Bearer " + JWKS.validToken()).statusCode()).isEqualTo(200);

        JsonNode help = await().atMost(WAIT).until(() -> crmEvents(policyNumber).stream()
                .filter(e -> e.path("type").asText().equals("COBROWSE_REQUESTED")).findFirst(), o -> o.isPresent()).get();
        signatures.add(signature(help.at("/cobrowse/launchUrl").asText()));
        await().atMost(WAIT).until(() -> crmEvents(policyNumber).size() >= 4);
        await().atMost(WAIT).until(() -> MAIL.received().stream().anyMatch(m -> subject(m).contains(policyNumber)
                && subject(m).contains("Co-browse")));
        await().atMost(WAIT).until(() -> LOGS.text().contains("Agent e-mailed: COBROWSE_REQUESTED policyNumber=" + policyNumber));
        List<ConsumerRecord<byte[], byte[]>> dead = await().atMost(WAIT).until(
                () -> recordsWithKey("policy.new.dlq", brokenKey), r -> r.size() == 1);

        // everything a scraper, a prober or an operator sees
        outputs.put("prometheus", get("/actuator/prometheus").body());
        outputs.put("health", get("/actuator/health").body());
        outputs.put("info", get("/actuator/info").body());
        outputs.put("configprops", http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/configprops"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(header(dead.get(0), "x-error-reason")).isEqualTo("INVALID_EVENT");
        StringBuilder deadLetterHeaders = new StringBuilder();
        for (String topic : List.of("policy.new.dlq", "onespan.callbacks.dlq")) {
            for (ConsumerRecord<byte[], byte[]> record : kafka().readAll(topic)) {
                for (Header h : record.headers()) {
                    deadLetterHeaders.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        outputs.put("dead letter headers (all so far)", deadLetterHeaders.toString());
        outputs.put("logs", LOGS.text());

        Map<String, String> forbidden = new LinkedHashMap<>();
        forbidden.put("API key", API_KEY);
        forbidden.put("callback key", CALLBACK_KEY);
        forbidden.put("next callback key", NEXT_CALLBACK_KEY);
        forbidden.put("launch secret", LAUNCH_SECRET);
        forbidden.put("previous launch secret", PREVIOUS_LAUNCH_SECRET);
        forbidden.put("operator password", ADMIN_PASSWORD);
        SIMULATOR.issuedTokens().forEach(t -> forbidden.put("OneSpan token " + t.substring(0, 4), t));
        JWKS.issuedTokens().forEach(t -> forbidden.put("bearer token " + t.substring(t.length() - 6), t));
        signatures.forEach(s -> forbidden.put("launch URL signature " + s.substring(0, 4), s));
        Map<String, byte[]> documents = Map.of("inline", inline, "by URL", byUrl, "unparseable", broken);
        documents.forEach((label, doc) -> {
            String base64 = Base64.getEncoder().encodeToString(doc);
            forbidden.put(label + " document as base64 (start)", base64.substring(0, 40));
            forbidden.put(label + " document as base64 (middle)", base64.substring(base64.length() / 2, base64.length() / 2 + 40));
            forbidden.put(label + " document text", new String(doc, StandardCharsets.US_ASCII).substring(0, 60));
        });
        forbidden.put("customer e-mail", CUSTOMER_EMAIL);
        forbidden.put("customer phone", CUSTOMER_PHONE);
        forbidden.put("help request phone", HELP_PHONE);
        forbidden.put("help request phone, digits", "15145550199");

        assertThat(SIMULATOR.issuedTokens()).isNotEmpty();
        assertThat(LOGS.text()).contains("Co-browse session launched for packageId=" + packageId)
                .contains("Co-browse launch refused").contains("Callback refused: 401");
        outputs.forEach((where, text) -> forbidden.forEach((what, value) ->
                assertThat(text).as("%s must not contain the %s", where, what).doesNotContain(value)));
    }

    @Test
    void theLogGuardMasksWhatALibraryMightPrint() {
        String marker = UUID.randomUUID().toString();
        LoggerFactory.getLogger("io.cobrowsebridge.leak-probe").warn("{} key={} callback={} auth=Bearer {} to {} at {}",
                marker, API_KEY, CALLBACK_KEY, JWKS.validToken(), "jane.doe@example.com", "+1 (514) 555-0100");

        String line = LOGS.text().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        assertThat(line).contains("key=*** callback=*** auth=Bearer *** to j***@example.com at +1******0100")
                .doesNotContain(API_KEY, CALLBACK_KEY);
    }

    private static byte[] document(String label) {
        return ("CONFIDENTIAL-" + label + "-" + UUID.randomUUID() + " policy document body " + "lorem ipsum ".repeat(20))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String signature(String launchUrl) {
        return launchUrl.substring(launchUrl.indexOf("sig=") + 4);
    }

    private static String localPath(String launchUrl) {
        URI uri = URI.create(launchUrl);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/onespan/callback"))
                .header("Content-Type", "application/json; charset=utf-8").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
