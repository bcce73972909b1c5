package io.cobrowsebridge.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.config.BridgeProperties;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns the raw bytes of a {@code policy.new} record into a {@link PolicyEvent}, checking what the JSON Schema
 * cannot express (one content source per document, signature fields naming an existing policyholder).
 * The schema itself ({@code config/schemas/policy-event.schema.json}) runs before this, in the route.
 */
@Component("policyEventParser")
public class PolicyEventParser {

    private final ObjectMapper mapper;
    private final long maxEventBytes;

    public PolicyEventParser(ObjectMapper mapper, BridgeProperties properties) {
        this.mapper = mapper;
        this.maxEventBytes = properties.intake().maxEventBytes().toBytes();
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

    public PolicyEvent parse(byte[] raw) {
        PolicyEvent event;
        try {
            event = mapper.readValue(raw, PolicyEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid new-policy event: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("unreadable event: " + e.getMessage());
        }
        checkDocuments(event);
        return event;
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
