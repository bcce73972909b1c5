package io.cobrowsebridge.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A new-policy event as published on {@code policy.new} (design.md, "New-policy event"). Unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyEvent(
        String eventId,
        String occurredAt,
        Policy policy,
        List<Policyholder> policyholders,
        Agent agent,
        List<Document> documents,
        CobrowseOptions cobrowse) {

    public String policyNumber() {
        return policy == null ? null : policy.policyNumber();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Policy(String policyNumber, String product, String effectiveDate, String language) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Policyholder(String firstName, String lastName, String email, String phone) {
        public String fullName() {
            return firstName + " " + lastName;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Agent(String id, String firstName, String lastName, String email) {
        public String fullName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return name.isEmpty() ? null : name;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(String name, String contentType, String contentBase64, String url,
                           List<SignatureField> signatureFields) {
    }

    /** Position of one signature box, in points, on a 0-based page, for the 0-based policyholder {@code signer}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignatureField(int signer, int page, double left, double top, double width, double height) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CobrowseOptions(Boolean signerHelpRequests) {
    }
}
