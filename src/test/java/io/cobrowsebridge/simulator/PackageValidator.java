package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** OneSpan-like validation of create payloads; every failure is an {@link ApiError} with a specific messageKey. */
final class PackageValidator {

    static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
    static final long MAX_TOTAL_DOCUMENT_BYTES = 39L * 1024 * 1024;

    private PackageValidator() {
    }

    static void validatePackage(JsonNode pkg) {
        if (!pkg.isObject()) {
            throw ApiError.badRequest("error.validation.invalidJson", "The package payload must be a JSON object");
        }
        if (pkg.path("name").asText("").isBlank()) {
            throw ApiError.badRequest("error.validation.package.nameRequired", "The package name is required");
        }
        Set<String> roleIds = new HashSet<>();
        for (JsonNode role : arrayField(pkg, "roles")) {
            String roleId = role.path("id").asText("");
            roleIds.add(roleId);
            for (JsonNode signer : arrayField(role, "signers")) {
                // Signer groups have no email of their own.
                if (signer.path("email").asText("").isBlank() && !signer.hasNonNull("group")) {
                    throw ApiError.badRequest("error.validation.signer.emailRequired",
                            "Signer of role '" + roleId + "' has no email address");
                }
            }
        }
        roleIds.remove("");
        validateDocuments(arrayField(pkg, "documents"), roleIds);
    }

    /** Document names, and approvals naming an existing role id. */
    static void validateDocuments(JsonNode documents, Set<String> roleIds) {
        for (JsonNode document : documents) {
            if (!document.isObject()) {
                throw ApiError.badRequest("error.validation.invalidJson", "Each document must be a JSON object");
            }
            String name = document.path("name").asText("");
            if (name.isBlank()) {
                throw ApiError.badRequest("error.validation.document.nameRequired", "A document has no name");
            }
            for (JsonNode approval : arrayField(document, "approvals")) {
                String role = approval.path("role").asText("");
                if (!roleIds.contains(role)) {
                    throw ApiError.unprocessable("error.unprocessableEntity.approval.roleNotFound",
                            "Approval on document '" + name + "' refers to unknown role '" + role + "'");
                }
            }
        }
    }

    /** 16 MB per document, 39 MB per transaction. */
    static void validateSizes(Collection<byte[]> contents) {
        long total = 0;
        for (byte[] content : contents) {
            if (content.length > MAX_DOCUMENT_BYTES) {
                throw ApiError.badRequest("error.validation.document.tooLarge",
                        "A document exceeds the 16 MB limit (" + content.length + " bytes)");
            }
            total += content.length;
        }
        if (total > MAX_TOTAL_DOCUMENT_BYTES) {
            throw ApiError.badRequest("error.validation.package.documentsTooLarge",
                    "The documents exceed the 39 MB limit per transaction");
        }
    }

    private static JsonNode arrayField(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (!value.isArray()) {
            throw ApiError.badRequest("error.validation.invalidJson", "'" + field + "' must be an array");
        }
        return value;
    }
}
