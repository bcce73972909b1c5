package io.cobrowsebridge.intake;

import java.util.List;

/** A document of the event with its bytes in hand, ready to upload. */
public record ResolvedDocument(String name, String contentType, DocumentContent content,
                               List<PolicyEvent.SignatureField> signatureFields) {
    @Override
    public String toString() {
        return "ResolvedDocument[name=" + name + ", contentType=" + contentType + ", bytes=" + content.length() + "]";
    }
}
