package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** Shared JSON mapper, OneSpan-style timestamps and random ids. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; malformed or empty JSON is a 400 with OneSpan's error body. */
    static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("error.validation.invalidJson", "The request body is empty");
            }
            return node;
        } catch (IOException e) {
            throw ApiError.badRequest("error.validation.invalidJson", "The request body is not valid JSON");
        }
    }

    /** UTC, millisecond precision, e.g. 2020-08-21T14:12:34.544Z (as OneSpan emits). */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String now() {
        return timestamp(Instant.now());
    }

    /** 28-char base64url string ending in '=' (20 random bytes), like OneSpan package ids. */
    static String packageId() {
        return BASE64_URL.encodeToString(randomBytes(20));
    }

    /** 12-char base64url id for roles, documents, approvals and fields. */
    static String shortId() {
        return BASE64_URL.withoutPadding().encodeToString(randomBytes(9));
    }

    /** 32-char base64url token value. */
    static String tokenValue() {
        return BASE64_URL.withoutPadding().encodeToString(randomBytes(24));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
