package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One request/response on the JDK server, with the few helpers the endpoints need. */
final class HttpCall {

    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final HttpExchange exchange;
    private final String method;
    private final String path;
    private final String rawQuery;
    private Map<String, String> query;
    private byte[] body;
    private boolean answered;

    HttpCall(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.path = exchange.getRequestURI().getRawPath();
        this.rawQuery = exchange.getRequestURI().getRawQuery();
    }

    String method() {
        return method;
    }

    /** Raw (undecoded) path, e.g. {@code /api/packages/abc=}. */
    String path() {
        return path;
    }

    /** Decoded query parameter (first occurrence), or null. */
    String query(String name) {
        if (query == null) {
            query = parseQuery(rawQuery);
        }
        return query.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Content-Type without parameters, lower case; "" when absent. */
    String mediaType() {
        String contentType = header("Content-Type");
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    byte[] body() throws IOException {
        if (body == null) {
            body = exchange.getRequestBody().readAllBytes();
        }
        return body;
    }

    JsonNode jsonBody() throws IOException {
        return Json.parse(body());
    }

    /** The body as a JSON object; an empty body gives an empty object. */
    ObjectNode jsonObjectBodyOrEmpty() throws IOException {
        if (body().length == 0) {
            return Json.object();
        }
        JsonNode node = jsonBody();
        if (!node.isObject()) {
            throw ApiError.badRequest("error.validation.invalidJson", "The request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    boolean answered() {
        return answered;
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    void sendJson(int status, JsonNode json) throws IOException {
        send(status, JSON_UTF8, Json.MAPPER.writeValueAsBytes(json));
    }

    void sendError(ApiError error) throws IOException {
        sendJson(error.status(), error.toJson());
    }

    void sendText(int status, String contentType, String text) throws IOException {
        send(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] bytes) throws IOException {
        setHeader("Content-Type", contentType);
        answered = true;
        boolean noBody = bytes.length == 0 || "HEAD".equals(method);
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    void sendEmpty(int status) throws IOException {
        answered = true;
        exchange.sendResponseHeaders(status, -1);
    }

    void redirect(String location) throws IOException {
        setHeader("Location", location);
        sendEmpty(302);
    }

    /** Drops the connection without any response (closing an unanswered exchange closes the socket). */
    void abort() {
        answered = true;
        exchange.close();
    }

    void close() {
        exchange.close();
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("error.validation.invalidQuery", "Malformed query string");
        }
    }
}
