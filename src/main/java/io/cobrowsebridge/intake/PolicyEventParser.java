package io.cobrowsebridge.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.cobrowsebridge.config.BridgeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.jsonvalidator.JsonValidationException;
import org.springframework.stereotype.Component;

/**
 * Turns the raw bytes of a {@code policy.new} record into a {@link PolicyEvent}: parses the JSON once, validates
 * the tree against the JSON Schema ({@code config/schemas/policy-event.schema.json}, loaded like Camel's
 * json-validator loads it, failures raised as its {@link JsonValidationException}), binds the same tree to the
 * event, then checks what the schema cannot express (one content source per document, signature fields naming an
 * existing policyholder). One parse instead of two (json-validator step, then data binding), and the documents'
 * base64, most of an event's bytes, is decoded during that parse ({@link Base64DocumentCapture}, BENCHMARKS.md).
 */
@Component("policyEventParser")
public class PolicyEventParser {

    static final Path SCHEMA = Path.of("config", "schemas", "policy-event.schema.json");

    private final ObjectMapper mapper;
    private final long maxEventBytes;
    /**
     * Inline documents whose base64 is longer than this are not decoded into an array of their own: they stay in the
     * record and are decoded while uploaded (heap per large event in BENCHMARKS.md). Smaller ones are decoded once,
     * here, which costs less CPU than checking now and decoding again later.
     */
    private final int streamBase64Above;
    private final JsonSchema schema;

    public PolicyEventParser(ObjectMapper mapper, BridgeProperties properties) {
        this.mapper = mapper;
        this.maxEventBytes = properties.intake().maxEventBytes().toBytes();
        // bridge.documents.stream-above, as characters of base64 (4 for every 3 bytes)
        this.streamBase64Above = (int) Math.min(Integer.MAX_VALUE,
                properties.documents().streamAbove().toBytes() / 3 * 4);
        this.schema = loadSchema(SCHEMA);
    }

    static JsonSchema loadSchema(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node))
                    .getSchema(file.toUri(), node, new SchemaValidatorsConfig());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the new-policy event schema " + file.toAbsolutePath(), e);
        }
    }

    /** Refuses empty and oversized records before any parsing. */
    public void checkSize(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new InvalidEventException("empty record value: expected a new-policy event (JSON)");
        }
        if (raw.length > maxEventBytes) {
            throw new InvalidEventException("event is " + raw.length + " bytes, over the limit of "
                    + maxEventBytes + " (bridge.intake.max-event-bytes)");
        }
    }

    /**
     * Checks the size ({@link #checkSize}), then parses, validates and binds the event. Also sets exchange properties
     * {@code policyEvent}, {@code policyNumber} and, for documents given inline, their content
     * ({@code documentContent}, decoded or a checked slice of the record; read by {@link DocumentResolver}).
     */
    public PolicyEvent parse(byte[] raw, Exchange exchange) throws JsonValidationException {
        checkSize(raw);
        JsonNode tree;
        Map<Integer, DocumentContent> contents = Map.of();
        try (Base64DocumentCapture capture = new Base64DocumentCapture(mapper.createParser(raw), raw,
                streamBase64Above)) {
            tree = mapper.readTree(capture);
            contents = capture.contents();
        } catch (IOException e) {
            tree = readPlain(raw, exchange); // not JSON, or base64 Jackson refuses: the plain way gives the error
        }
        if (tree == null || tree.isMissingNode()) {
            throw new JsonValidationException(exchange, schema, new IOException("No content"));
        }
        Set<ValidationMessage> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw new JsonValidationException(exchange, schema, errors);
        }
        PolicyEvent event;
        try {
            event = mapper.treeToValue(tree, PolicyEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid new-policy event: " + e.getOriginalMessage());
        }
        checkDocuments(event);
        exchange.setProperty(IntakeProperties.EVENT, event);
        exchange.setProperty(IntakeProperties.POLICY_NUMBER, event.policyNumber());
        exchange.setProperty(IntakeProperties.DOCUMENT_CONTENT, contents);
        return event;
    }

    private JsonNode readPlain(byte[] raw, Exchange exchange) throws JsonValidationException {
        try {
            return mapper.readTree(raw);
        } catch (IOException e) {
            throw new JsonValidationException(exchange, schema, e); // dead letter: "... (JSON expected): <why>"
        }
    }

    private static void checkDocuments(PolicyEvent event) {
        List<PolicyEvent.Document> documents = event.documents();
        int signers = event.policyholders().size();
        for (int i = 0; i < documents.size(); i++) {
            PolicyEvent.Document doc = documents.get(i);
            boolean hasContent = doc.contentBase64() != null;
            boolean hasUrl = doc.url() != null;
            if (hasContent == hasUrl) {
                throw new InvalidEventException("documents[" + i + "]: give exactly one of contentBase64 or url");
            }
            if (doc.signatureFields() != null) {
                for (int f = 0; f < doc.signatureFields().size(); f++) {
                    int signer = doc.signatureFields().get(f).signer();
                    if (signer >= signers) {
                        throw new InvalidEventException("documents[" + i + "].signatureFields[" + f + "].signer: "
                                + signer + " names no policyholder (there are " + signers + ")");
                    }
                }
            }
        }
    }
}
