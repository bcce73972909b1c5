package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What OneSpan adds to a created package: ids everywhere, a status, timestamps. Unknown fields are kept. */
final class PackageDefaults {

    private PackageDefaults() {
    }

    /** Returns the package to store: {@code id} first, then the payload's fields, plus the defaults. */
    static ObjectNode prepare(ObjectNode payload, String packageId, String now) {
        ObjectNode pkg = Json.object();
        pkg.put("id", packageId);
        payload.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id")) {
                pkg.set(field.getKey(), field.getValue());
            }
        });
        if (pkg.path("status").asText("").isBlank()) {
            pkg.put("status", "DRAFT");
        }
        pkg.put("created", now);
        pkg.put("updated", now);
        for (JsonNode role : pkg.path("roles")) {
            assignIdIfMissing(role);
            role.path("signers").forEach(PackageDefaults::assignIdIfMissing);
        }
        for (JsonNode document : pkg.path("documents")) {
            assignDocumentIds((ObjectNode) document);
        }
        return pkg;
    }

    /** Ids for the document, its approvals, their fields and document-level fields. */
    static void assignDocumentIds(ObjectNode document) {
        assignIdIfMissing(document);
        for (JsonNode approval : document.path("approvals")) {
            assignIdIfMissing(approval);
            approval.path("fields").forEach(PackageDefaults::assignIdIfMissing);
        }
        document.path("fields").forEach(PackageDefaults::assignIdIfMissing);
    }

    private static void assignIdIfMissing(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").asText("").isBlank()) {
            object.put("id", Json.shortId());
        }
    }
}
