package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code /api/packages/**}: create (JSON or multipart), read, search, update, delete, documents, signing URL. */
final class PackageEndpoints {

    private final PackageStore store;
    private final String baseUrl;

    PackageEndpoints(PackageStore store, String baseUrl) {
        this.store = store;
        this.baseUrl = baseUrl;
    }

    void register(Router router) {
        router.on("POST", "/api/packages", this::create)
                .on("GET", "/api/packages", this::search)
                .on("GET", "/api/packages/([^/]+)", this::get)
                .on("POST", "/api/packages/([^/]+)", this::update)
                .on("PUT", "/api/packages/([^/]+)", this::update)
                .on("DELETE", "/api/packages/([^/]+)", this::delete)
                .on("POST", "/api/packages/([^/]+)/documents", this::addDocuments)
                .on("GET", "/api/packages/([^/]+)/roles/([^/]+)/signingUrl", this::signingUrl);
    }

    private void create(HttpCall call, List<String> params) throws Exception {
        PackageUpload upload = PackageUpload.read(call);
        JsonNode payload = upload.payload();
        PackageValidator.validatePackage(payload);
        Map<Integer, byte[]> contents = upload.contentsFor(payload.path("documents"));
        PackageValidator.validateSizes(contents.values());
        SimulatedPackage created = store.create((ObjectNode) payload, contents);
        ObjectNode response = Json.object();
        response.put("id", created.id());
        call.sendJson(200, response);
    }

    private void search(HttpCall call, List<String> params) throws Exception {
        call.sendJson(200, PackageSearch.from(call).run(store.all()));
    }

    private void get(HttpCall call, List<String> params) throws Exception {
        call.sendJson(200, store.require(params.get(0)).snapshot());
    }

    /** Partial update as the SDK does for status changes ({"status":"SENT"}, {"trashed":true}, ...). */
    private void update(HttpCall call, List<String> params) throws Exception {
        SimulatedPackage pkg = store.require(params.get(0));
        JsonNode changes = call.jsonBody();
        if (!changes.isObject()) {
            throw ApiError.badRequest("error.validation.invalidJson", "The request body must be a JSON object");
        }
        call.sendJson(200, pkg.merge((ObjectNode) changes, Json.now()));
    }

    private void delete(HttpCall call, List<String> params) throws Exception {
        String id = params.get(0);
        if (!store.delete(id)) {
            throw ApiError.notFound("error.notFound.package", "Package " + id + " does not exist");
        }
        call.sendEmpty(204);
    }

    /** The SDK's two-step create: multipart whose payload is one document or an array of them. */
    private void addDocuments(HttpCall call, List<String> params) throws Exception {
        SimulatedPackage pkg = store.require(params.get(0));
        PackageUpload upload = PackageUpload.read(call);
        JsonNode payload = upload.payload();
        ArrayNode documents;
        if (payload.isArray()) {
            documents = (ArrayNode) payload;
        } else if (payload.isObject()) {
            documents = Json.MAPPER.createArrayNode().add(payload);
        } else {
            throw ApiError.badRequest("error.validation.invalidJson", "Expected a document or an array of them");
        }
        PackageValidator.validateDocuments(documents, pkg.roleIds());
        Map<Integer, byte[]> contents = upload.contentsFor(documents);
        PackageValidator.validateSizes(contents.values());
        List<ObjectNode> added = pkg.addDocuments(documents, contents, Json.now());
        call.sendJson(200, payload.isArray() ? Json.MAPPER.createArrayNode().addAll(added) : added.get(0));
    }

    private void signingUrl(HttpCall call, List<String> params) throws Exception {
        SimulatedPackage pkg = store.require(params.get(0));
        String roleId = params.get(1);
        if (!pkg.roleIds().contains(roleId)) {
            throw ApiError.notFound("error.notFound.role", "Role " + roleId + " does not exist in this package");
        }
        ObjectNode response = Json.object();
        response.put("packageId", pkg.id());
        response.put("roleId", roleId);
        response.put("url", baseUrl + "/transaction/" + pkg.id() + "/sign?role="
                + URLEncoder.encode(roleId, StandardCharsets.UTF_8));
        call.sendJson(200, response);
    }
}
