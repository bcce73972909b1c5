package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The account's callback registration, and delivery of events to it the way OneSpan POSTs them. */
final class CallbackFirer {

    static final String EVENT_CLASS = "com.silanis.esl.packages.event.ESLProcessEvent";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Registration(String url, String key, List<String> events) {

        /** As {@code GET /api/callback} shows it: the key is never echoed. */
        ObjectNode toPublicJson() {
            ObjectNode json = Json.object();
            json.put("url", url);
            json.set("events", Json.MAPPER.valueToTree(events));
            return json;
        }
    }

    private final AtomicReference<Registration> registration = new AtomicReference<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    Registration register(String url, String key, List<String> events) {
        if (url == null || url.isBlank()) {
            throw ApiError.badRequest("error.validation.callback.urlRequired", "The callback url is required");
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("error.validation.callback.invalidUrl", "The callback url is not a valid URI");
        }
        Registration added = new Registration(url, key, events == null ? List.of() : List.copyOf(events));
        registration.set(added);
        return added;
    }

    Optional<Registration> registration() {
        return Optional.ofNullable(registration.get());
    }

    /**
     * OneSpan's event body, keys in its order: @class, name, sessionUser, packageId, message, documentId,
     * createdDate; then {@code extras}, which may also override any of those.
     */
    static ObjectNode eventBody(String packageId, String eventName, String sessionUser, JsonNode extras) {
        ObjectNode body = Json.object();
        body.put("@class", EVENT_CLASS);
        body.put("name", eventName);
        body.put("sessionUser", sessionUser);
        body.put("packageId", packageId);
        body.putNull("message");
        body.putNull("documentId");
        body.put("createdDate", Json.now());
        if (extras != null && extras.isObject()) {
            extras.fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue()));
        }
        return body;
    }

    /**
     * POSTs the event to the registered URL with {@code Authorization: Basic <key>} (key verbatim).
     *
     * @return the listener's HTTP status
     * @throws IllegalStateException if no callback is registered
     * @throws UncheckedIOException  if the listener cannot be reached or times out
     */
    int deliver(ObjectNode event) {
        Registration target = registration().orElseThrow(() ->
                new IllegalStateException("No callback registered (POST /api/callback first)"));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(event)));
            if (target.key() != null && !target.key().isEmpty()) {
                request.header("Authorization", "Basic " + target.key());
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("Callback delivery to the registered URL failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while delivering a callback", e);
        }
    }
}
