package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** One stored package: its JSON (guarded by this object's lock) and the uploaded document bytes. */
final class SimulatedPackage {

    private record StoredDocument(String id, String name, byte[] bytes) {
    }

    private final String id;
    private final long sequence;
    private final ObjectNode json;
    private final Map<String, StoredDocument> documentsById = new ConcurrentHashMap<>();

    /** {@code contents} maps an index in {@code json.documents} to that document's bytes. */
    SimulatedPackage(String id, long sequence, ObjectNode json, Map<Integer, byte[]> contents) {
        this.id = id;
        this.sequence = sequence;
        this.json = json;
        storeContents(json.path("documents"), contents);
    }

    String id() {
        return id;
    }

    long sequence() {
        return sequence;
    }

    synchronized ObjectNode snapshot() {
        return json.deepCopy();
    }

    /** A top-level text field, "" when absent. */
    synchronized String text(String field) {
        return json.path(field).asText("");
    }

    synchronized boolean trashed() {
        return json.path("trashed").asBoolean(false);
    }

    synchronized Optional<String> firstRoleId() {
        String roleId = json.path("roles").path(0).path("id").asText("");
        return roleId.isEmpty() ? Optional.empty() : Optional.of(roleId);
    }

    synchronized Set<String> roleIds() {
        Set<String> ids = new TreeSet<>();
        json.path("roles").forEach(role -> ids.add(role.path("id").asText("")));
        ids.remove("");
        return ids;
    }

    /** True if {@code signerId} is the id of a role or of a signer in one. */
    synchronized boolean hasSigner(String signerId) {
        for (JsonNode role : json.path("roles")) {
            if (signerId.equals(role.path("id").asText(null))) {
                return true;
            }
            for (JsonNode signer : role.path("signers")) {
                if (signerId.equals(signer.path("id").asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Partial update (status change, trash, ...): top-level fields replace the stored ones. */
    synchronized ObjectNode merge(ObjectNode changes, String now) {
        changes.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id") && !field.getKey().equals("created")) {
                json.set(field.getKey(), field.getValue());
            }
        });
        json.put("updated", now);
        return json.deepCopy();
    }

    /** Appends documents (ids assigned) and their bytes; returns copies of the stored documents. */
    synchronized List<ObjectNode> addDocuments(ArrayNode documents, Map<Integer, byte[]> contents, String now) {
        ArrayNode stored = json.has("documents") && json.get("documents").isArray()
                ? (ArrayNode) json.get("documents") : json.putArray("documents");
        List<ObjectNode> added = new ArrayList<>();
        for (JsonNode document : documents) {
            PackageDefaults.assignDocumentIds((ObjectNode) document);
            stored.add(document);
            added.add(((ObjectNode) document).deepCopy());
        }
        storeContents(documents, contents);
        json.put("updated", now);
        return added;
    }

    /** Bytes of the document with this name (or, failing that, this id). */
    Optional<byte[]> documentBytes(String nameOrId) {
        Optional<StoredDocument> byName = documentsById.values().stream()
                .filter(d -> d.name().equals(nameOrId)).findFirst();
        return byName.or(() -> Optional.ofNullable(documentsById.get(nameOrId)))
                .map(d -> d.bytes().clone());
    }

    private void storeContents(JsonNode documents, Map<Integer, byte[]> contents) {
        contents.forEach((index, bytes) -> {
            JsonNode document = documents.path(index);
            String docId = document.path("id").asText();
            documentsById.put(docId, new StoredDocument(docId, document.path("name").asText(""), bytes));
        });
    }
}
