package io.cobrowsebridge.onespan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.config.OneSpanProperties;
import io.cobrowsebridge.intake.ResolvedDocument;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * The OneSpan Sign REST calls this service makes, over Apache HttpClient 5 (pooled keep-alive connections, timeouts
 * from {@link OneSpanProperties}, no redirects followed, no cookies kept, one re-send on 503/429, answers read up to
 * {@value #MAX_RESPONSE_BYTES} bytes). Every failure becomes either {@link OneSpanRejectedException} (permanent) or
 * {@link OneSpanUnavailableException} (worth retrying). The API key travels only in the Authorization header.
 *
 * <p>The calls are made from route steps (beans), so the client is used directly rather than through a Camel http
 * endpoint: that saved an exchange, a header mapping each way and a stream cache per call (BENCHMARKS.md).
 */
@Component("oneSpanClient")
public class OneSpanClient implements AutoCloseable {

    private static final String JSON = "application/json";
    /** A page of up to 100 packages is the largest answer expected; anything bigger is not a OneSpan answer. */
    static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
    /**
     * A cap far above the calls in flight at once (one per intake consumer, plus dispatch, launch URLs and health):
     * a connection is opened only when no idle one is free, so the cap costs nothing until it is reached.
     */
    private static final int MAX_CONNECTIONS = 200;

    private final CloseableHttpClient http;
    private final ObjectMapper mapper;
    private final String apiBase;
    private final OneSpanAuth auth;
    private final OneSpanMetrics metrics;

    public OneSpanClient(ObjectMapper mapper, OneSpanProperties properties, Clock clock, OneSpanMetrics metrics) {
        this.metrics = metrics;
        this.mapper = mapper;
        this.apiBase = properties.baseUrl() + "/api";
        this.auth = new OneSpanAuth(properties, mapper, clock,
                (url, body) -> send("client-app token", "POST", url, null, null, body, null));
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout response = Timeout.of(properties.responseTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(response).build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect).setResponseTimeout(response).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                // HttpClient's default retry strategy stays, as under camel-http before: one re-send of a request
                // answered 503 or 429, after Retry-After or 1 s (RELIABILITY.md); the reliability suite's zero dead
                // letters under 20% 503s rely on it
                .build();
    }

    /** {@code POST /api/packages} as multipart: part {@code payload} plus one {@code file} part per document. */
    public String createPackage(ObjectNode packageJson, List<ResolvedDocument> documents) {
        MultipartEntityBuilder multipart = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.EXTENDED)
                .setCharset(StandardCharsets.UTF_8)
                .addTextBody("payload", packageJson.toString(), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8));
        for (ResolvedDocument doc : documents) {
            multipart.addPart("file", new DocumentPart(doc));
        }
        JsonNode created = call("create package", "POST", "/packages", null, multipart.build(), null);
        String id = created.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new OneSpanUnavailableException("create package", 200, null);
        }
        return id;
    }

    /**
     * Finds the package created for a policy: searches by policy number, then keeps only a package whose
     * {@code data.policyNumber} is exactly that number.
     */
    public Optional<JsonNode> findByPolicyNumber(String policyNumber) {
        String query = "search=" + encode(policyNumber) + "&from=1&to=100";
        JsonNode page = call("search packages", "GET", "/packages", query, null, null);
        for (JsonNode pkg : page.path("results")) {
            if (policyNumber.equals(pkg.path("data").path("policyNumber").asText(null))) {
                return Optional.of(pkg);
            }
        }
        return Optional.empty();
    }

    public JsonNode getPackage(String packageId) {
        return call("get package", "GET", "/packages/" + PackageIds.requireValid(packageId), null, null, null);
    }

    /** A single-use sender authentication token for the package (valid 30 minutes). Never log it. */
    public String senderToken(String packageId) {
        ObjectNode body = mapper.createObjectNode().put("packageId", PackageIds.requireValid(packageId));
        JsonNode token = call("sender token", "POST", "/authenticationTokens/sender", null, null, body.toString());
        String value = token.path("value").asText(null);
        if (value == null || value.isBlank()) {
            throw new OneSpanUnavailableException("sender token", 200, null);
        }
        return value;
    }

    /** {@code POST /api/callback}: where OneSpan sends notifications, with which key, for which events. */
    public void registerCallback(String url, String key, List<String> events) {
        ObjectNode body = mapper.createObjectNode().put("url", url).put("key", key);
        events.forEach(body.putArray("events")::add);
        call("register callback", "POST", "/callback", null, null, body.toString());
    }

    /** Cheap authenticated call for the readiness check: the first page, of one package, of the account's packages. */
    public void checkReachable() {
        call("check reachability", "GET", "/packages", "from=1&to=1", null, null);
    }

    /** An API call, timed; with client-app tokens, a 401 drops the cached token and the call is made once more. */
    private JsonNode call(String operation, String method, String path, String query, HttpEntity entity, String json) {
        return metrics.record(operation, () -> {
            try {
                return send(operation, method, apiBase + path, query, entity, json, auth.header());
            } catch (OneSpanRejectedException e) {
                if (e.status() != 401 || !auth.usesTokens()) {
                    throw e;
                }
                auth.invalidate();
                return send(operation, method, apiBase + path, query, entity, json, auth.header());
            }
        });
    }

    private JsonNode send(String operation, String method, String url, String query, HttpEntity entity, String json,
                          String authorization) {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(method)
                .setUri(query == null ? url : url + "?" + query)
                .addHeader(HttpHeaders.ACCEPT, JSON);
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (entity != null) {
            request.setEntity(entity);
        } else if (json != null) {
            request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        }
        Answer answer;
        try {
            answer = http.execute(request.build(), OneSpanClient::answer);
        } catch (IOException | RuntimeException e) {
            throw new OneSpanUnavailableException(operation, e);
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return parse(operation, answer.body());
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new OneSpanUnavailableException(operation, status, retryAfter(answer.retryAfter()));
        }
        JsonNode error = tryParse(answer.body());
        throw new OneSpanRejectedException(operation, status,
                error.path("messageKey").asText(null), error.path("message").asText(null));
    }

    /** What is kept of a response once its connection goes back to the pool. */
    private record Answer(int status, byte[] body, String retryAfter) {
    }

    private static Answer answer(ClassicHttpResponse response) throws IOException {
        byte[] body = response.getEntity() == null ? null
                : EntityUtils.toByteArray(response.getEntity(), MAX_RESPONSE_BYTES + 1);
        if (body != null && body.length > MAX_RESPONSE_BYTES) {
            throw new IOException("answer larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        return new Answer(response.getCode(), body, retryAfter == null ? null : retryAfter.getValue());
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private JsonNode parse(String operation, byte[] body) {
        try {
            return readJson(body);
        } catch (IOException e) {
            throw new OneSpanUnavailableException(operation, e);
        }
    }

    private JsonNode tryParse(byte[] body) {
        try {
            return readJson(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    /** The body as JSON; no body is an empty object. */
    private JsonNode readJson(byte[] body) throws IOException {
        JsonNode json = body == null || body.length == 0 ? null : mapper.readTree(body);
        return json == null || json.isMissingNode() ? mapper.createObjectNode() : json;
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null; // HTTP-date form: fall back to the configured backoff
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
