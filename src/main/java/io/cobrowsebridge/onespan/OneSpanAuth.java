package io.cobrowsebridge.onespan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.config.OneSpanProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * The Authorization header of OneSpan API calls. With {@code onespan.auth=api-key}: {@code Basic <key>} (the key
 * verbatim). With {@code client-app}: {@code Bearer <token>} from {@code POST /apitoken/clientApp/accessToken},
 * cached, refreshed when less than {@link #REFRESH_MARGIN} is left, and dropped by {@link #invalidate} after a 401 so
 * the next call gets a fresh one. Tokens are never logged.
 */
public class OneSpanAuth {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final OneSpanProperties properties;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final BiFunction<String, String, JsonNode> tokenPost;
    private Token token;

    /**
     * @param tokenPost posts a JSON body to the token URL and returns the parsed response (throws on failure)
     */
    public OneSpanAuth(OneSpanProperties properties, ObjectMapper mapper, Clock clock,
                       BiFunction<String, String, JsonNode> tokenPost) {
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.tokenPost = tokenPost;
    }

    public boolean usesTokens() {
        return "client-app".equals(properties.auth());
    }

    public synchronized String header() {
        if (!usesTokens()) {
            return "Basic " + properties.apiKey();
        }
        if (token == null || clock.instant().isAfter(token.expiresAt().minus(REFRESH_MARGIN))) {
            token = fetch();
        }
        return "Bearer " + token.value();
    }

    /** Forget the cached token (after a 401): the next {@link #header()} fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    private Token fetch() {
        String body = mapper.createObjectNode()
                .put("clientId", properties.clientId())
                .put("secret", properties.clientSecret())
                .put("type", "OWNER")
                .toString();
        JsonNode json = tokenPost.apply(properties.baseUrl() + "/apitoken/clientApp/accessToken", body);
        try {
            String value = json.path("accessToken").asText(null);
            JsonNode expires = json.path("expiresAt");
            if (value == null || value.isBlank()) {
                throw new OneSpanUnavailableException("client-app token", 200, null);
            }
            Instant expiresAt = expires.isNumber() ? Instant.ofEpochMilli(expires.asLong())
                    : expires.isTextual() ? Instant.parse(expires.asText()) : clock.instant().plus(Duration.ofMinutes(5));
            return new Token(value, expiresAt);
        } catch (java.time.format.DateTimeParseException e) {
            throw new OneSpanUnavailableException("client-app token", e);
        }
    }

    private record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }
}
