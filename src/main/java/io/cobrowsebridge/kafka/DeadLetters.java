package io.cobrowsebridge.kafka;

import io.cobrowsebridge.callback.UnknownPackageException;
import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.intake.DocumentFetchException;
import io.cobrowsebridge.intake.InvalidEventException;
import io.cobrowsebridge.onespan.OneSpanRejectedException;
import io.cobrowsebridge.onespan.OneSpanUnavailableException;
import io.cobrowsebridge.security.Redaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.cobrowsebridge.ops.BusinessMetrics;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prepares a failed record for the dead-letter topic of its source topic ({@code policy.new.dlq},
 * {@code onespan.callbacks.dlq}): the original bytes and key unchanged (the error handler
 * restores the original message), plus the {@code x-error-*} and {@code x-original-*} headers of design.md.
 * The detail (header and log) is scrubbed: no e-mail address, phone number, credential or quoted input in full.
 */
@Component("deadLetters")
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_DETAIL = 1000;

    /** Every value of {@code x-error-reason} (README, "Additions to the contract"). */
    public static final List<String> REASONS = List.of("INVALID_EVENT", "ONESPAN_REJECTED", "ONESPAN_UNAVAILABLE",
            "DOCUMENT_UNAVAILABLE", "UNKNOWN_PACKAGE", "PROCESSING_FAILED");

    private final BusinessMetrics metrics;
    private final Map<String, String> deadLetterTopics;

    public DeadLetters(BusinessMetrics metrics, BridgeProperties properties) {
        this.metrics = metrics;
        BridgeProperties.Topics topics = properties.topics();
        this.deadLetterTopics = Map.of(
                topics.policyNew(), topics.policyDlq(),
                topics.callbacks(), topics.callbacksDlq());
    }

    public void prepare(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reason(cause);
        String detail = truncate(Redaction.scrub(detail(cause)));
        Message message = exchange.getMessage();
        if (message.getBody() == null) {
            message.setBody(new byte[0]); // a tombstone (null value) is dead-lettered as an empty value
        }
        String originalTopic = String.valueOf(message.getHeader(KafkaConstants.TOPIC));
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, deadLetterTopics.getOrDefault(originalTopic, originalTopic + ".dlq"));
        message.setHeader("x-error-reason", reason);
        message.setHeader("x-error-detail", detail);
        message.setHeader("x-error-route", String.valueOf(exchange.getProperty(Exchange.FAILURE_ROUTE_ID)));
        message.setHeader("x-original-topic", originalTopic);
        message.setHeader("x-original-partition", String.valueOf(message.getHeader(KafkaConstants.PARTITION)));
        message.setHeader("x-original-offset", String.valueOf(message.getHeader(KafkaConstants.OFFSET)));
        metrics.deadLetter(reason);
        log.warn("Dead-lettered record {}-{}@{} (policyNumber={}): {} {}", message.getHeader(KafkaConstants.TOPIC),
                message.getHeader(KafkaConstants.PARTITION), message.getHeader(KafkaConstants.OFFSET),
                keyText(message.getHeader(KafkaConstants.KEY)), reason, detail);
    }

    /** Last resort when even the dead letter is too large for the broker: keep headers and key, drop the value. */
    public void withoutValue(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] value = message.getBody(byte[].class);
        message.setHeader("x-error-detail", truncate(message.getHeader("x-error-detail", String.class)
                + " [value of " + (value == null ? 0 : value.length) + " bytes not kept: too large for the dead-letter"
                + " topic; it is still at x-original-topic/partition/offset]"));
        message.setBody(new byte[0]);
        log.warn("Dead letter stored without its value (too large): {}-{}@{}", message.getHeader("x-original-topic"),
                message.getHeader("x-original-partition"), message.getHeader("x-original-offset"));
    }

    static String reason(Throwable cause) {
        if (cause instanceof OneSpanRejectedException) {
            return "ONESPAN_REJECTED";
        }
        if (cause instanceof OneSpanUnavailableException) {
            return "ONESPAN_UNAVAILABLE";
        }
        if (cause instanceof UnknownPackageException) {
            return "UNKNOWN_PACKAGE";
        }
        if (cause instanceof DocumentFetchException) {
            return "DOCUMENT_UNAVAILABLE";
        }
        if (cause instanceof InvalidEventException || cause instanceof org.apache.camel.ValidationException) {
            return "INVALID_EVENT";
        }
        return "PROCESSING_FAILED";
    }

    static String detail(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof JsonValidationException v && v.getNumberOfErrors() > 0) {
            return "invalid new-policy event: " + v.getErrors().stream()
                    .map(DeadLetters::describe).sorted().collect(Collectors.joining("; "));
        }
        if (cause instanceof org.apache.camel.ValidationException) {
            Throwable root = cause.getCause() == null ? cause : cause.getCause();
            return "not a valid new-policy event (JSON expected): " + firstLine(root.getMessage());
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** "policyholders[0].email: is required" rather than the validator's "$.policyholders[0]: required property ...". */
    static String describe(ValidationMessage error) {
        String path = error.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        if ("required".equals(error.getType()) && error.getProperty() != null) {
            return (path.isEmpty() ? "" : path + ".") + error.getProperty() + ": is required";
        }
        String message = error.getError() == null ? error.getMessage() : error.getError();
        return (path.isEmpty() ? "event" : path) + ": " + message;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }

    private static String keyText(Object key) {
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(key);
    }
}
