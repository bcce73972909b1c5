package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;

/** Non-{@code /api} paths on the instance: client-app token exchange, {@code /auth} redirect, ceremony pages. */
final class BrowserEndpoints {

    private static final String HTML = "text/html; charset=utf-8";

    private final TokenStore tokens;
    private final List<String> ownOrigins;

    /** {@code ownOrigins}: URL prefixes of this instance that /auth may redirect to. */
    BrowserEndpoints(TokenStore tokens, List<String> ownOrigins) {
        this.tokens = tokens;
        this.ownOrigins = ownOrigins;
    }

    void register(Router router) {
        router.on("POST", "/apitoken/clientApp/accessToken", this::accessToken)
                .on("GET", "/auth", this::auth)
                .on("GET", "/(?:transaction|a|designer)(?:/.*)?", this::page);
    }

    /** Body {@code {"clientId", "secret", "type"}}; any non-blank credentials are accepted. */
    private void accessToken(HttpCall call, List<String> params) throws Exception {
        ObjectNode body = call.jsonObjectBodyOrEmpty();
        if (body.path("clientId").asText("").isBlank() || body.path("secret").asText("").isBlank()) {
            throw ApiError.badRequest("error.validation.clientApp.credentialsRequired",
                    "clientId and secret are required");
        }
        TokenStore.Token token = tokens.issue(TokenStore.Kind.CLIENT_APP, null, null);
        ObjectNode response = Json.object();
        response.put("accessToken", token.value());
        response.put("expiresAt", token.expiresAt().toEpochMilli());
        call.sendJson(200, response);
    }

    /**
     * Redeems a user/sender/signer token (under any of OneSpan's three parameter names) and redirects to
     * {@code target}, which must be on this instance. Without target, answers {@code {"sessionToken"}} as the SDK
     * expects.
     */
    private void auth(HttpCall call, List<String> params) throws Exception {
        String token = Stream.of("authenticationToken", "senderAuthenticationToken", "signerAuthenticationToken")
                .map(call::query).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        String target = call.query("target");
        if (target != null && ownOrigins.stream().noneMatch(origin -> isUnder(target, origin))) {
            call.sendText(400, HTML, page("Bad request", "The target must be a page of this OneSpan instance."));
            return;
        }
        switch (tokens.redeem(token)) {
            case ACCEPTED -> {
                if (target == null) {
                    ObjectNode session = Json.object();
                    session.put("sessionToken", tokens.issue(TokenStore.Kind.SESSION, null, null).value());
                    call.sendJson(200, session);
                } else {
                    call.redirect(target);
                }
            }
            case ALREADY_USED -> call.sendText(403, HTML, page("Access denied", "This link was already used."));
            default -> call.sendText(401, HTML, page("Access denied", "This link is invalid or has expired."));
        }
    }

    /** Stand-in for the signing ceremony, designer and transaction pages. */
    private void page(HttpCall call, List<String> params) throws Exception {
        call.sendText(200, HTML, page("OneSpan Sign (simulator)", "Page " + call.path()));
    }

    private static boolean isUnder(String url, String origin) {
        return url.equals(origin) || url.startsWith(origin + "/") || url.startsWith(origin + "?");
    }

    private static String page(String title, String text) {
        return "<!DOCTYPE html><html><head><title>" + escape(title) + "</title></head><body><h1>" + escape(title)
                + "</h1><p>" + escape(text) + "</p></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
