package io.cobrowsebridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OneSpanSimulatorTest {

    private static final String API_KEY = "dGVzdC1pZDp0ZXN0LXNlY3JldA==";
    private static final String JSON_SDK = "application/json; esl-api-version=11.68.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static OneSpanSimulator simulator;
    private static HttpClient client;

    @BeforeAll
    static void startSimulator() {
        simulator = OneSpanSimulator.start(0, API_KEY);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void multipartCreateWithTwoDocumentsKeepsUnknownFieldsAndExactBytes() throws Exception {
        byte[] application = randomBytes(70_000, 1);
        byte[] terms = "%PDF-1.4\r\n--not-a-boundary\r\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        ObjectNode payload = packagePayload("Policy P-1", "client", "jane@example.com");
        payload.put("adHocCobrowsing", true);
        payload.putObject("settings").putObject("ceremony").put("adHocCobrowsingSigner", true);
        payload.putObject("data").put("policyRef", "P-1");
        payload.withArray("documents").add(document("terms", "client"));
        String boundary = "----sim" + System.nanoTime();
        // Files in the opposite order to documents[]: pairing must be by name.
        byte[] body = multipart(boundary, List.of(
                new Part("payload", null, "text/plain; charset=UTF-8", MAPPER.writeValueAsBytes(payload)),
                new Part("file", "terms", "application/pdf", terms),
                new Part("file", "application", "application/pdf", application)));

        HttpResponse<String> created = send(api("/packages").header("Authorization", "Basic " + API_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(created.statusCode()).isEqualTo(200);
        String id = json(created).get("id").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{27}=");

        HttpResponse<String> fetched = send(api("/packages/" + id).header("Authorization", "Basic " + API_KEY)
                .header("Accept", JSON_SDK).GET());
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode pkg = json(fetched);
        assertThat(pkg.get("id").asText()).isEqualTo(id);
        assertThat(pkg.get("status").asText()).isEqualTo("DRAFT");
        assertThat(pkg.get("adHocCobrowsing").asBoolean()).isTrue();
        assertThat(pkg.at("/settings/ceremony/adHocCobrowsingSigner").asBoolean()).isTrue();
        assertThat(pkg.at("/data/policyRef").asText()).isEqualTo("P-1");
        assertThat(pkg.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        for (JsonNode doc : pkg.get("documents")) {
            assertThat(doc.get("id").asText()).isNotBlank();
            assertThat(doc.at("/approvals/0/id").asText()).isNotBlank();
            assertThat(doc.at("/approvals/0/fields/0/id").asText()).isNotBlank();
        }
        assertThat(simulator.packageJson(id)).contains((ObjectNode) pkg);
        assertThat(simulator.documentBytes(id, "application")).hasValueSatisfying(b -> assertThat(b).isEqualTo(application));
        assertThat(simulator.documentBytes(id, "terms")).hasValueSatisfying(b -> assertThat(b).isEqualTo(terms));

        HttpResponse<byte[]> raw = client.send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/simulator/packages/" + id + "/documents/terms")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.body()).isEqualTo(terms);
    }

    @Test
    void jsonCreateKeepsGivenStatus() throws Exception {
        ObjectNode payload = packagePayload("JSON package", "client", "jane@example.com");
        payload.put("status", "SENT");

        HttpResponse<String> created = postJson("/packages", payload);

        assertThat(created.statusCode()).isEqualTo(200);
        String id = json(created).get("id").asText();
        assertThat(simulator.packageCount()).isEqualTo(1);
        assertThat(simulator.packages()).singleElement()
                .satisfies(p -> assertThat(p.get("status").asText()).isEqualTo("SENT"))
                .satisfies(p -> assertThat(p.get("id").asText()).isEqualTo(id));
        assertThat(simulator.requestCount("POST", "/api/packages")).isEqualTo(1);
    }

    @Test
    void validationErrorsUseOneSpanErrorBody() throws Exception {
        ObjectNode noName = packagePayload("", "client", "jane@example.com");
        assertError(postJson("/packages", noName), 400, "error.validation.package.nameRequired");

        ObjectNode noEmail = packagePayload("No email", "client", null);
        assertError(postJson("/packages", noEmail), 400, "error.validation.signer.emailRequired");

        ObjectNode unknownRole = packagePayload("Unknown role", "client", "jane@example.com");
        unknownRole.withArray("documents").add(document("extra", "somebody-else"));
        assertError(postJson("/packages", unknownRole), 422, "error.unprocessableEntity.approval.roleNotFound");

        HttpResponse<String> malformed = send(api("/packages").header("Authorization", "Basic " + API_KEY)
                .header("Content-Type", JSON_SDK).POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));
        assertError(malformed, 400, "error.validation.invalidJson");

        String boundary = "b0undary";
        byte[] orphan = multipart(boundary, List.of(
                new Part("payload", null, "application/json", MAPPER.writeValueAsBytes(
                        packagePayload("Orphan", "client", "jane@example.com"))),
                new Part("file", "application", "application/pdf", new byte[] {1}),
                new Part("file", "unexpected", "application/pdf", new byte[] {2})));
        HttpResponse<String> orphanResponse = send(api("/packages").header("Authorization", "Basic " + API_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(orphan)));
        assertError(orphanResponse, 422, "error.unprocessableEntity.document.noMatchingDocument");

        assertThat(simulator.packageCount()).isZero();
    }

    @Test
    void wrongApiKeyIsRejectedAndClientAppTokenAccepted() throws Exception {
        HttpResponse<String> wrong = send(api("/packages").header("Authorization", "Basic wrong-key").GET());
        assertError(wrong, 401, "error.unauthorised.invalidCredentials");
        assertError(send(api("/packages").GET()), 401, "error.unauthorised.noSession");

        HttpResponse<String> tokenResponse = send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/apitoken/clientApp/accessToken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"c\",\"secret\":\"s\",\"type\":\"OWNER\"}")));
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        JsonNode token = json(tokenResponse);
        assertThat(token.get("expiresAt").asLong()).isGreaterThan(System.currentTimeMillis() + 29 * 60_000);

        HttpResponse<String> bearer = send(api("/packages")
                .header("Authorization", "Bearer " + token.get("accessToken").asText()).GET());
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(simulator.issuedTokens()).contains(token.get("accessToken").asText());
    }

    @Test
    void searchMatchesNameOrDescriptionAndPages() throws Exception {
        for (String name : List.of("Policy P-100 application", "Policy P-200 application", "Other")) {
            ObjectNode payload = packagePayload(name, "client", "jane@example.com");
            payload.put("description", name.equals("Other") ? "policyRef=P-100" : "");
            assertThat(postJson("/packages", payload).statusCode()).isEqualTo(200);
        }

        JsonNode substring = json(get("/packages?search=" + enc("p-100")));
        assertThat(substring.get("count").asInt()).isEqualTo(2);

        JsonNode exact = json(get("/packages?search=" + enc("Policy P-200 application") + "&searchtype=exactname"));
        assertThat(exact.get("count").asInt()).isEqualTo(1);
        assertThat(exact.at("/results/0/name").asText()).isEqualTo("Policy P-200 application");

        JsonNode page = json(get("/packages?search=application&from=2&to=2"));
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("results")).hasSize(1);
        assertThat(page.at("/results/0/name").asText()).isEqualTo("Policy P-200 application");
    }

    @Test
    void senderTokenRedirectsOnceToTarget() throws Exception {
        String id = json(postJson("/packages", packagePayload("Token", "client", "jane@example.com")))
                .get("id").asText();
        ObjectNode request = MAPPER.createObjectNode().put("value", "").put("packageId", id);
        HttpResponse<String> tokenResponse = postJson("/authenticationTokens/sender", request);
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        JsonNode token = json(tokenResponse);
        assertThat(token.get("packageId").asText()).isEqualTo(id);
        String value = token.get("value").asText();
        assertThat(simulator.senderTokensIssued()).isEqualTo(1);
        assertThat(simulator.issuedTokens()).containsExactly(value);

        String target = simulator.baseUrl() + "/transaction/" + id + "/sign?adHocCobrowsing";
        URI link = URI.create(simulator.baseUrl() + "/auth?authenticationToken=" + enc(value) + "&target=" + enc(target));
        HttpResponse<String> first = send(HttpRequest.newBuilder(link).GET());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).contains(target);
        assertThat(send(HttpRequest.newBuilder(URI.create(target)).GET()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(link).GET()).statusCode()).isIn(401, 403);

        String other = json(postJson("/authenticationTokens/sender", request)).get("value").asText();
        URI foreign = URI.create(simulator.baseUrl() + "/auth?authenticationToken=" + enc(other)
                + "&target=" + enc("https://evil.example.com/"));
        assertThat(send(HttpRequest.newBuilder(foreign).GET()).statusCode()).isEqualTo(400);

        ObjectNode unknown = MAPPER.createObjectNode().put("packageId", "nope");
        assertError(postJson("/authenticationTokens/sender", unknown), 404, "error.notFound.package");
    }

    @Test
    void callbackIsDeliveredWithKeyAndOneSpanBody() throws Exception {
        BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/callbacks", exchange -> {
            received.add(Map.of(
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        listener.start();
        try {
            String url = "http://127.0.0.1:" + listener.getAddress().getPort() + "/callbacks";
            ObjectNode registration = MAPPER.createObjectNode().put("url", url).put("key", "cb-secret");
            registration.putArray("events").add("COBROWSE_REQUEST");
            HttpResponse<String> registered = postJson("/callback", registration);
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(json(registered).has("key")).isFalse();
            assertThat(json(get("/callback")).get("url").asText()).isEqualTo(url);
            assertThat(json(get("/callback")).has("key")).isFalse();

            String id = json(postJson("/packages", packagePayload("Cobrowse", "client", "jane@example.com")))
                    .get("id").asText();
            int status = simulator.fireCallback(id, "COBROWSE_REQUEST", Map.of("phone", "+32 470 00 00 00",
                    "comment", "Stuck on page 2",
                    "selectedSupportBusinessHours", List.of("Morning - 9AM to 12PM ((GMT 0:00) GMT)")));
            assertThat(status).isEqualTo(204);

            Map<String, String> delivered = received.poll(5, TimeUnit.SECONDS);
            assertThat(delivered).isNotNull();
            assertThat(delivered.get("authorization")).isEqualTo("Basic cb-secret");
            assertThat(delivered.get("contentType")).isEqualTo("application/json; charset=utf-8");
            JsonNode event = MAPPER.readTree(delivered.get("body"));
            List<String> keys = new ArrayList<>();
            event.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).startsWith("@class", "name", "sessionUser", "packageId", "message", "documentId",
                    "createdDate");
            assertThat(event.get("@class").asText()).isEqualTo("com.silanis.esl.packages.event.ESLProcessEvent");
            assertThat(event.get("name").asText()).isEqualTo("COBROWSE_REQUEST");
            assertThat(event.get("sessionUser").asText()).isEqualTo("client");
            assertThat(event.get("packageId").asText()).isEqualTo(id);
            assertThat(event.get("message").isNull()).isTrue();
            assertThat(event.get("phone").asText()).isEqualTo("+32 470 00 00 00");
            assertThat(event.at("/selectedSupportBusinessHours/0").asText()).startsWith("Morning");

            HttpResponse<String> control = send(HttpRequest.newBuilder(
                    URI.create(simulator.baseUrl() + "/simulator/packages/" + id + "/callbacks"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"PACKAGE_COMPLETE\",\"createdDate\":\"2020-08-21T14:12:34.544Z\"}")));
            assertThat(json(control).get("status").asInt()).isEqualTo(204);
            JsonNode complete = MAPPER.readTree(received.poll(5, TimeUnit.SECONDS).get("body"));
            assertThat(complete.get("name").asText()).isEqualTo("PACKAGE_COMPLETE");
            assertThat(complete.get("createdDate").asText()).isEqualTo("2020-08-21T14:12:34.544Z");
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void statusFaultWithRetryAfterHitsOnce() throws Exception {
        simulator.addFault(FaultRule.status("POST", "/api/packages", 503).withRetryAfter(7).once());
        ObjectNode payload = packagePayload("Retry", "client", "jane@example.com");

        HttpResponse<String> failed = postJson("/packages", payload);
        assertError(failed, 503, "error.simulator.injectedFault");
        assertThat(failed.headers().firstValue("Retry-After")).contains("7");

        assertThat(postJson("/packages", payload).statusCode()).isEqualTo(200);
        assertThat(simulator.requestCount("POST", "/api/packages")).isEqualTo(2);
        assertThat(simulator.packageCount()).isEqualTo(1);
    }

    @Test
    void hangFaultMakesClientTimeOut() throws Exception {
        simulator.addFault(FaultRule.hang("GET", "/api/packages", 1_500));
        HttpRequest request = api("/packages").header("Authorization", "Basic " + API_KEY)
                .timeout(Duration.ofMillis(500)).GET().build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void faultsCanBeInjectedOverHttp() throws Exception {
        HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"GET\",\"pathPrefix\":\"/api/callback\","
                        + "\"status\":429,\"retryAfterSeconds\":1,\"times\":1}")));
        assertThat(added.statusCode()).isEqualTo(200);

        assertError(get("/callback"), 429, "error.simulator.injectedFault");
        assertError(get("/callback"), 404, "error.notFound.callback");
    }

    @Test
    void documentOver16MbIsRejected() throws Exception {
        String boundary = "big-boundary";
        byte[] body = multipart(boundary, List.of(
                new Part("payload", null, "text/plain; charset=UTF-8", MAPPER.writeValueAsBytes(
                        packagePayload("Too big", "client", "jane@example.com"))),
                new Part("file", "application", "application/pdf", new byte[16 * 1024 * 1024 + 1])));

        HttpResponse<String> response = send(api("/packages").header("Authorization", "Basic " + API_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertError(response, 400, "error.validation.document.tooLarge");
        assertThat(simulator.packageCount()).isZero();
    }

    @Test
    void servesManyConcurrentCreates() throws Exception {
        byte[] body = MAPPER.writeValueAsBytes(packagePayload("Concurrent", "client", "jane@example.com"));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(client.sendAsync(api("/packages").header("Authorization", "Basic " + API_KEY)
                    .header("Content-Type", JSON_SDK).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> ids = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            ids.add(json(response.get()).get("id").asText());
        }
        assertThat(ids).hasSize(200);
        assertThat(simulator.packageCount()).isEqualTo(200);
        assertThat(simulator.requestCount("*", "/api/")).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    private record Part(String name, String filename, String contentType, byte[] bytes) {
    }

    private static ObjectNode packagePayload(String name, String roleId, String email) {
        ObjectNode payload = MAPPER.createObjectNode().put("name", name);
        ObjectNode signer = payload.putArray("roles").addObject().put("id", roleId).put("name", roleId)
                .put("type", "SIGNER").put("index", 1).putArray("signers").addObject().put("id", roleId)
                .put("firstName", "Jane").put("lastName", "Doe");
        if (email != null) {
            signer.put("email", email);
        }
        payload.putArray("documents").add(document("application", roleId));
        return payload;
    }

    private static ObjectNode document(String name, String roleId) {
        ObjectNode document = MAPPER.createObjectNode().put("name", name);
        document.putArray("approvals").addObject().put("role", roleId).putArray("fields").addObject()
                .put("type", "SIGNATURE").put("subtype", "FULLNAME").put("page", 0)
                .put("left", 100).put("top", 600).put("width", 200).put("height", 50);
        return document;
    }

    private static byte[] multipart(String boundary, List<Part> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            String disposition = "form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"");
            out.write(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: "
                    + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(part.bytes());
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api" + path)).timeout(Duration.ofSeconds(5));
    }

    private static HttpResponse<String> postJson(String path, JsonNode body) throws Exception {
        return send(api(path).header("Authorization", "Basic " + API_KEY).header("Content-Type", JSON_SDK)
                .header("Accept", JSON_SDK).POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(api(path).header("Authorization", "Basic " + API_KEY).header("Accept", JSON_SDK).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<String> response, int status, String messageKey) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("messageKey").asText()).isEqualTo(messageKey);
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("name").asText()).isNotBlank();
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
