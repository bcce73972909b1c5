package io.cobrowsebridge.onespan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.config.OneSpanProperties;
import io.cobrowsebridge.intake.PolicyEvent;
import io.cobrowsebridge.intake.ResolvedDocument;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Maps a new-policy event to the OneSpan package JSON of design.md: co-browse flags, one SIGNER role per
 * policyholder ({@code signer1}, {@code signer2}, ...), one document per input document, and {@code data}
 * carrying the policy number, event id and agent. Documents without signature fields are sent for text-tag
 * extraction; with them, each signer gets one approval holding their fields.
 */
@Component("packageJsonBuilder")
public class PackageJsonBuilder {

    private final ObjectMapper mapper;
    private final OneSpanProperties properties;

    public PackageJsonBuilder(ObjectMapper mapper, OneSpanProperties properties) {
        this.mapper = mapper;
        this.properties = properties;
    }

    public static String roleId(int policyholderIndex) {
        return "signer" + (policyholderIndex + 1);
    }

    public ObjectNode build(PolicyEvent event, List<ResolvedDocument> documents) {
        PolicyEvent.Policy policy = event.policy();
        ObjectNode pkg = mapper.createObjectNode();
        pkg.put("name", packageName(policy));
        pkg.put("description", "policyNumber=" + policy.policyNumber());
        pkg.put("status", properties.packageStatus());
        pkg.put("language", policy.language() == null ? "en" : policy.language());
        pkg.put("type", "PACKAGE");
        pkg.put("autocomplete", true);
        pkg.put("adHocCobrowsing", true);
        pkg.putObject("settings").putObject("ceremony").put("adHocCobrowsingSigner", signerHelpRequests(event));

        ObjectNode data = pkg.putObject("data");
        data.put("policyNumber", policy.policyNumber());
        data.put("eventId", event.eventId());
        data.put("agentEmail", event.agent().email());
        putIfPresent(data, "agentId", event.agent().id());
        putIfPresent(data, "agentName", event.agent().fullName());

        ArrayNode roles = pkg.putArray("roles");
        List<PolicyEvent.Policyholder> holders = event.policyholders();
        for (int i = 0; i < holders.size(); i++) {
            roles.add(role(i, holders.get(i)));
        }
        ArrayNode docs = pkg.putArray("documents");
        for (int i = 0; i < documents.size(); i++) {
            docs.add(document(i, documents.get(i), holders.size()));
        }
        return pkg;
    }

    static String packageName(PolicyEvent.Policy policy) {
        String product = policy.product() == null || policy.product().isBlank() ? "" : " - " + policy.product();
        return "Policy " + policy.policyNumber() + product;
    }

    private boolean signerHelpRequests(PolicyEvent event) {
        if (event.cobrowse() != null && event.cobrowse().signerHelpRequests() != null) {
            return event.cobrowse().signerHelpRequests();
        }
        return properties.signerHelpRequestsDefault();
    }

    private ObjectNode role(int index, PolicyEvent.Policyholder holder) {
        String id = roleId(index);
        ObjectNode role = mapper.createObjectNode();
        role.put("id", id);
        role.put("name", id);
        role.put("type", "SIGNER");
        role.put("index", index + 1);
        ObjectNode signer = role.putArray("signers").addObject();
        signer.put("id", id);
        signer.put("email", holder.email());
        signer.put("firstName", holder.firstName());
        signer.put("lastName", holder.lastName());
        putIfPresent(signer, "phone", holder.phone());
        return role;
    }

    private ObjectNode document(int index, ResolvedDocument doc, int signers) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", doc.name());
        node.put("index", index);
        ArrayNode approvals = node.putArray("approvals");
        if (doc.signatureFields().isEmpty()) {
            node.put("extract", true);
            node.putArray("extractionTypes").add("TEXT_TAGS");
            return node;
        }
        for (int s = 0; s < signers; s++) {
            ObjectNode approval = mapper.createObjectNode();
            approval.put("role", roleId(s));
            ArrayNode fields = approval.putArray("fields");
            for (PolicyEvent.SignatureField f : doc.signatureFields()) {
                if (f.signer() == s) {
                    fields.addObject()
                            .put("type", "SIGNATURE")
                            .put("subtype", "FULLNAME")
                            .put("page", f.page())
                            .put("left", f.left())
                            .put("top", f.top())
                            .put("width", f.width())
                            .put("height", f.height());
                }
            }
            if (!fields.isEmpty()) {
                approvals.add(approval);
            }
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
