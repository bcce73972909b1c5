package io.cobrowsebridge.callback;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A OneSpan callback notification as stored on {@code onespan.callbacks} (onespan-api.md §4.2). Only the fields
 * this service uses; anything else is ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackNotification(
        String name,
        String packageId,
        String sessionUser,
        String documentId,
        String createdDate,
        String message,
        String phone,
        String comment,
        @JsonProperty("selectedSupportBusinessHours")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> availability) {

    /** What makes two deliveries the same notification (design.md: name, packageId, createdDate, documentId, sessionUser). */
    public String identity() {
        return String.join("|", name, packageId, String.valueOf(createdDate), String.valueOf(documentId),
                String.valueOf(sessionUser));
    }
}
