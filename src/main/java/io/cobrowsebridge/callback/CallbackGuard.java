package io.cobrowsebridge.callback;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.config.MissingSettingException;
import io.cobrowsebridge.security.CallbackTokenAuthentication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;

/**
 * First step of {@code POST /onespan/callback}: checks the callback key (constant time, any of the configured keys)
 * unless Spring Security already validated a bearer JWT (OneSpan's OAuth 2.0 callback mode, {@link CallbackTokenAuthentication}),
 * then the body size and that the body is a JSON object with {@code name} and {@code packageId}. On success the message
 * holds only the raw body and the Kafka key (the packageId): no request header, least of all Authorization, travels
 * on to Kafka. Over camel-servlet the headers are read from the servlet request itself (the endpoint does not copy
 * them into the message: {@code mapHttpMessageHeaders=false}).
 */
@Component("callbackGuard")
public class CallbackGuard implements Processor {

    /** One digest per request thread (getInstance looks the algorithm up among the providers each time). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** OneSpan documents packageId and sessionUser as at most 255 characters. */
    private static final int MAX_ID_LENGTH = 255;

    private final List<byte[]> keyDigests;
    private final long maxBodyBytes;
    private final ObjectMapper mapper;
    private final CallbackTokenAuthentication tokens;

    public CallbackGuard(BridgeProperties properties, ObjectMapper mapper, CallbackTokenAuthentication tokens) {
        List<String> keys = properties.callback().keys();
        if (keys.isEmpty() && !tokens.enabled()) {
            throw new MissingSettingException("Missing required setting bridge.callback.keys (ONESPAN_CALLBACK_KEY): "
                    + "the key OneSpan sends with every callback (or configure OAuth 2.0 callbacks with "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri)");
        }
        this.keyDigests = keys.stream().map(CallbackGuard::sha256).toList();
        this.maxBodyBytes = properties.callback().maxBodySize().toBytes();
        this.mapper = mapper;
        this.tokens = tokens;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        HttpServletRequest request = in instanceof HttpMessage http ? http.getRequest() : null;
        if (!tokens.isAuthenticated(in)) {
            checkKey(request != null ? request.getHeader("Authorization") : in.getHeader("Authorization", String.class));
        }
        byte[] body = readBounded(in, request);
        Notification notification = parse(body);
        in.removeHeaders("*");
        in.setHeader(KafkaConstants.KEY, notification.packageId());
        in.setBody(body);
        exchange.setProperty("packageId", notification.packageId());
        exchange.setProperty("callbackEvent", notification.name());
    }

    private void checkKey(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                ? authorization.substring(6).trim() : "";
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, digest); // no early exit: every key is compared
        }
        if (!match) {
            throw new CallbackRejectedException(401, "missing or wrong callback key");
        }
    }

    private byte[] readBounded(Message in, HttpServletRequest request) throws IOException {
        Long declared = request != null ? Long.valueOf(request.getContentLengthLong())
                : in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBodyBytes) {
            throw new CallbackRejectedException(413, "body larger than " + maxBodyBytes + " bytes");
        }
        byte[] body;
        Object raw = in.getBody();
        if (raw instanceof InputStream stream) {
            body = stream.readNBytes((int) maxBodyBytes + 1);
        } else {
            body = raw == null ? new byte[0] : in.getBody(byte[].class);
        }
        if (body.length > maxBodyBytes) {
            throw new CallbackRejectedException(413, "body larger than " + maxBodyBytes + " bytes");
        }
        return body;
    }

    /**
     * Reads the body once, as tokens (no tree: only two top-level fields matter), and checks that it is one JSON
     * object with a textual, non-blank {@code name} and a well-formed {@code packageId}. A field given twice counts
     * with its last value, as in a tree.
     */
    private Notification parse(byte[] body) {
        String name = null;
        String packageId = null;
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CallbackRejectedException(400, "body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                if ("name".equals(field)) {
                    name = text;
                } else if ("packageId".equals(field)) {
                    packageId = text;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new CallbackRejectedException(400, "body is not JSON");
        }
        if (name == null || name.isBlank()) {
            throw new CallbackRejectedException(400, "field name (the event name) is missing");
        }
        if (packageId == null || packageId.isBlank() || packageId.length() > MAX_ID_LENGTH
                || packageId.chars().anyMatch(Character::isISOControl)) {
            throw new CallbackRejectedException(400, "field packageId is missing or malformed");
        }
        return new Notification(name, packageId);
    }

    private record Notification(String name, String packageId) {
    }

    private static byte[] sha256(String text) {
        return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
