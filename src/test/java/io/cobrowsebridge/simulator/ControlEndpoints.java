package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** Test controls under {@code /simulator/} (no auth, never faulted). */
final class ControlEndpoints {

    private final OneSpanSimulator simulator;
    private final Faults faults;

    ControlEndpoints(OneSpanSimulator simulator, Faults faults) {
        this.simulator = simulator;
        this.faults = faults;
    }

    void register(Router router) {
        router.on("POST", "/simulator/reset", (call, params) -> {
                    simulator.reset();
                    call.sendEmpty(204);
                })
                .on("GET", "/simulator/faults", (call, params) ->
                        call.sendJson(200, Json.MAPPER.valueToTree(faults.rules())))
                .on("POST", "/simulator/faults", this::addFault)
                .on("DELETE", "/simulator/faults", (call, params) -> {
                    faults.clear();
                    call.sendEmpty(204);
                })
                .on("GET", "/simulator/packages", (call, params) -> {
                    ArrayNode all = Json.MAPPER.createArrayNode();
                    simulator.packages().forEach(all::add);
                    call.sendJson(200, all);
                })
                .on("POST", "/simulator/packages/([^/]+)/callbacks", this::fireCallback)
                .on("GET", "/simulator/packages/([^/]+)/documents/(.+)", this::document);
    }

    /** Body: a FaultRule as JSON; omitted fields default to any method, "/", failureRate 1, unlimited times. */
    private void addFault(HttpCall call, List<String> params) throws Exception {
        JsonNode json = call.jsonBody();
        FaultRule rule;
        try {
            rule = new FaultRule(json.path("method").asText("*"), json.path("pathPrefix").asText("/"),
                    json.path("status").asInt(0), json.path("retryAfterSeconds").asInt(0),
                    json.path("latencyMs").asLong(0), json.path("hangMs").asLong(0),
                    json.path("failureRate").asDouble(1.0), json.path("times").asInt(FaultRule.UNLIMITED));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("error.validation.invalidFault", e.getMessage());
        }
        faults.add(rule);
        call.sendJson(200, Json.MAPPER.valueToTree(rule));
    }

    /** Body {@code {"name": "EVENT", ...extra fields}}; answers {@code {"status": <listener status>}}. */
    private void fireCallback(HttpCall call, List<String> params) throws Exception {
        ObjectNode body = call.jsonObjectBodyOrEmpty();
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw ApiError.badRequest("error.validation.callback.nameRequired", "The event name is required");
        }
        body.remove("name");
        int status;
        try {
            status = simulator.fireCallbackJson(params.get(0), name, body);
        } catch (IllegalStateException e) {
            throw new ApiError(409, "error.simulator.noCallbackRegistered", e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ApiError(502, "error.simulator.callbackDeliveryFailed", e.getMessage());
        }
        ObjectNode response = Json.object();
        response.put("status", status);
        call.sendJson(200, response);
    }

    private void document(HttpCall call, List<String> params) throws Exception {
        byte[] bytes = simulator.documentBytes(params.get(0), params.get(1)).orElseThrow(() ->
                ApiError.notFound("error.notFound.document", "No uploaded document " + params.get(1)));
        call.send(200, "application/octet-stream", bytes);
    }
}
