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
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.springframework.stereotype.Component;

/**
 * The OneSpan Sign REST calls this service makes, over Camel's http component (pooled connections, timeouts
 * from {@link OneSpanProperties}). Every failure becomes either {@link OneSpanRejectedException} (permanent) or
 * {@link OneSpanUnavailableException} (worth retrying). The API key travels only in the Authorization header.
 */
@Component("oneSpanClient")
public class OneSpanClient {

    private static final String JSON = "application/json";

    private final ProducerTemplate template;
    private final ObjectMapper mapper;
    private final String apiBase;
    private final String endpointUri;
    /** Resolved once: looking an endpoint up by URI normalises the URI on every call. */
    private volatile Endpoint endpoint;
    private final OneSpanAuth auth;
    private final OneSpanMetrics metrics;

    public OneSpanClient(ProducerTemplate template, ObjectMapper mapper, OneSpanProperties properties, Clock clock,
                         OneSpanMetrics metrics) {
        this.template = template;
        this.metrics = metrics;
        this.mapper = mapper;
        this.apiBase = properties.baseUrl() + "/api";
        this.auth = new OneSpanAuth(properties, mapper, clock,
                (url, body) -> send("client-app token", "POST", url, null, null, body, null));
        long connect = properties.connectTimeout().toMillis();
        long response = properties.responseTimeout().toMillis();
        // One endpoint for every call: the target URL goes in the CamelHttpUri header, so connections are pooled.
        this.endpointUri = apiBase + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + connect + "&connectionRequestTimeout=" + connect
                + "&responseTimeout=" + response + "&soTimeout=" + response;
    }

    /** {@code POST /api/packages} as multipart: part {@code payload} plus one {@code file} part per document. */
    public String createPackage(ObjectNode packageJson, List<ResolvedDocument> documents) {
        MultipartEntityBuilder multipart = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.EXTENDED)
                .setCharset(StandardCharsets.UTF_8)
                .addTextBody("payload", packageJson.toString(), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8));
        for (ResolvedDocument doc : documents) {
            multipart.addBinaryBody("file", doc.content(), ContentType.parse(doc.contentType()), doc.name());
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
        Exchange result = template.send(endpoint(), exchange -> {
            var in = exchange.getIn();
            in.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method)); // the enum: no String conversion per call
            in.setHeader(Exchange.HTTP_URI, url);
            if (query != null) {
                in.setHeader(Exchange.HTTP_QUERY, query);
            }
            if (authorization != null) {
                in.setHeader("Authorization", authorization);
            }
            in.setHeader("Accept", JSON);
            if (entity != null) {
                in.setBody(entity);
            } else if (json != null) {
                in.setHeader(Exchange.CONTENT_TYPE, JSON);
                in.setBody(json);
            }
        });
        if (result.getException() != null) {
            throw new OneSpanUnavailableException(operation, result.getException());
        }
        int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = result.getMessage().getBody(byte[].class);
        if (status >= 200 && status < 300) {
            return parse(operation, body);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new OneSpanUnavailableException(operation, status,
                    retryAfter(result.getMessage().getHeader("Retry-After", String.class)));
        }
        JsonNode error = tryParse(body);
        throw new OneSpanRejectedException(operation, status,
                error.path("messageKey").asText(null), error.path("message").asText(null));
    }

    private Endpoint endpoint() {
        Endpoint resolved = endpoint;
        if (resolved == null) {
            resolved = template.getCamelContext().getEndpoint(endpointUri);
            endpoint = resolved;
        }
        return resolved;
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
