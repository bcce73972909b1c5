package io.cobrowsebridge.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The JSON published on {@code crm.signing-events} (design.md, "CRM event"). Absent values are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmEvent(
        String eventId,
        String type,
        Instant occurredAt,
        String policyNumber,
        String packageId,
        String onespanEvent,
        Party agent,
        Party signer,
        Cobrowse cobrowse,
        String detail) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String id, String email, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cobrowse(String launchUrl, Instant launchUrlExpiresAt, String phone, String comment,
                           List<String> availability) {
    }
}
