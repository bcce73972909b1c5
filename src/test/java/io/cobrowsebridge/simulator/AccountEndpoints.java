package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/authenticationTokens/**} and {@code /api/callback}. */
final class AccountEndpoints {

    private final PackageStore store;
    private final TokenStore tokens;
    private final CallbackFirer callbacks;

    AccountEndpoints(PackageStore store, TokenStore tokens, CallbackFirer callbacks) {
        this.store = store;
        this.tokens = tokens;
        this.callbacks = callbacks;
    }

    void register(Router router) {
        router.on("POST", "/api/authenticationTokens/user", this::userToken)
                .on("POST", "/api/authenticationTokens/sender", this::senderToken)
                .on("POST", "/api/authenticationTokens/signer/singleUse",
                        (call, params) -> signerToken(call, TokenStore.Kind.SIGNER_SINGLE_USE))
                .on("POST", "/api/authenticationTokens/signer/multiUse",
                        (call, params) -> signerToken(call, TokenStore.Kind.SIGNER_MULTI_USE))
                .on("POST", "/api/callback", this::registerCallback)
                .on("GET", "/api/callback", this::getCallback);
    }

    private void userToken(HttpCall call, List<String> params) throws Exception {
        ObjectNode response = Json.object();
        response.put("value", tokens.issue(TokenStore.Kind.USER, null, null).value());
        call.sendJson(200, response);
    }

    /** Body {@code {"packageId": "...", "value": ""}} as the SDK sends it. */
    private void senderToken(HttpCall call, List<String> params) throws Exception {
        SimulatedPackage pkg = requirePackage(call.jsonObjectBodyOrEmpty());
        ObjectNode response = Json.object();
        response.put("packageId", pkg.id());
        response.put("value", tokens.issue(TokenStore.Kind.SENDER, pkg.id(), null).value());
        call.sendJson(200, response);
    }

    private void signerToken(HttpCall call, TokenStore.Kind kind) throws Exception {
        ObjectNode body = call.jsonObjectBodyOrEmpty();
        SimulatedPackage pkg = requirePackage(body);
        String signerId = body.path("signerId").asText("");
        if (signerId.isBlank()) {
            throw ApiError.badRequest("error.validation.signerIdRequired", "signerId is required");
        }
        if (!pkg.hasSigner(signerId)) {
            throw ApiError.notFound("error.notFound.signer", "Signer " + signerId + " is not in this package");
        }
        ObjectNode response = Json.object();
        response.put("packageId", pkg.id());
        response.put("signerId", signerId);
        response.put("value", tokens.issue(kind, pkg.id(), signerId).value());
        call.sendJson(200, response);
    }

    private SimulatedPackage requirePackage(JsonNode body) {
        String packageId = body.path("packageId").asText("");
        if (packageId.isBlank()) {
            throw ApiError.badRequest("error.validation.packageIdRequired", "packageId is required");
        }
        return store.require(packageId);
    }

    /** Body {@code {"url", "key", "events": [...]}}; the answer never contains the key. */
    private void registerCallback(HttpCall call, List<String> params) throws Exception {
        ObjectNode body = call.jsonObjectBodyOrEmpty();
        List<String> events = new ArrayList<>();
        JsonNode eventsNode = body.path("events");
        if (!eventsNode.isMissingNode() && !eventsNode.isNull() && !eventsNode.isArray()) {
            throw ApiError.badRequest("error.validation.callback.invalidEvents", "'events' must be an array");
        }
        eventsNode.forEach(event -> events.add(event.asText()));
        String key = body.hasNonNull("key") ? body.get("key").asText() : null;
        call.sendJson(200, callbacks.register(body.path("url").asText(null), key, events).toPublicJson());
    }

    private void getCallback(HttpCall call, List<String> params) throws Exception {
        CallbackFirer.Registration registration = callbacks.registration().orElseThrow(() ->
                ApiError.notFound("error.notFound.callback", "No callback is registered"));
        call.sendJson(200, registration.toPublicJson());
    }
}
