package io.cobrowsebridge.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code /api/**} authentication: {@code Basic <apiKey>} (key verbatim) or {@code Bearer <client-app token>}. */
final class ApiAuth {

    private final byte[] apiKey;
    private final TokenStore tokens;

    ApiAuth(String apiKey, TokenStore tokens) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
    }

    void check(HttpCall call) {
        String header = call.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiError.unauthorized("error.unauthorised.noSession", "Authentication is required");
        }
        String credentials = afterScheme(header, "Basic");
        if (credentials != null
                && MessageDigest.isEqual(credentials.getBytes(StandardCharsets.UTF_8), apiKey)) {
            return;
        }
        String bearer = afterScheme(header, "Bearer");
        if (bearer != null && tokens.isValidAccessToken(bearer)) {
            return;
        }
        throw ApiError.unauthorized("error.unauthorised.invalidCredentials", "Invalid API key or access token");
    }

    private static String afterScheme(String header, String scheme) {
        String trimmed = header.trim();
        boolean matches = trimmed.length() > scheme.length()
                && trimmed.regionMatches(true, 0, scheme, 0, scheme.length())
                && trimmed.charAt(scheme.length()) == ' ';
        return matches ? trimmed.substring(scheme.length() + 1).trim() : null;
    }
}
