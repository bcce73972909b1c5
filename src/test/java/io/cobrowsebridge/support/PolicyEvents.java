package io.cobrowsebridge.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Builds new-policy events as design.md describes them, for tests and local mode. */
public final class PolicyEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyEvents() {
    }

    public static String newPolicyNumber() {
        return "P-2026-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A minimal PDF-looking document whose bytes are unique to {@code label}. */
    public static byte[] pdf(String label) {
        return ("%PDF-1.4\n% cobrowse-bridge test document: " + label + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static ObjectNode event(String policyNumber, int policyholders) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", "2026-12-04T10:15:00Z");
        event.putObject("policy")
                .put("policyNumber", policyNumber)
                .put("product", "Term Life 20")
                .put("effectiveDate", "2027-01-01")
                .put("language", "en");
        ArrayNode holders = event.putArray("policyholders");
        for (int i = 1; i <= policyholders; i++) {
            holders.addObject()
                    .put("firstName", i == 1 ? "Jane" : "John")
                    .put("lastName", "Doe")
                    .put("email", (i == 1 ? "jane.doe" : "john.doe") + "@example.com")
                    .put("phone", "+1514555010" + i);
        }
        event.putObject("agent")
                .put("id", "A-77")
                .put("firstName", "Sam")
                .put("lastName", "Lee")
                .put("email", "sam.lee@insurer.example");
        addDocument(event, "Policy Application", pdf(policyNumber + "/application"));
        event.putObject("cobrowse").put("signerHelpRequests", true);
        return event;
    }

    public static ObjectNode addDocument(ObjectNode event, String name, byte[] content) {
        ArrayNode documents = event.has("documents") ? (ArrayNode) event.get("documents") : event.putArray("documents");
        return documents.addObject()
                .put("name", name)
                .put("contentType", "application/pdf")
                .put("contentBase64", Base64.getEncoder().encodeToString(content));
    }

    public static byte[] bytes(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
