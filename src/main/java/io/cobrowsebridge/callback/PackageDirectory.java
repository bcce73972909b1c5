package io.cobrowsebridge.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.crm.CrmEvent;
import io.cobrowsebridge.onespan.OneSpanClient;
import io.cobrowsebridge.onespan.OneSpanRejectedException;
import io.cobrowsebridge.onespan.PackageIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Package details for callbacks, from {@code GET /api/packages/{id}}: policy number and agent from {@code data},
 * signers from the roles. Cached (bounded, with a time to live) so a burst of callbacks for one package costs one call.
 */
@Component("packageDirectory")
public class PackageDirectory {

    private final OneSpanClient oneSpan;
    private final Cache<String, PackageInfo> cache;

    public PackageDirectory(OneSpanClient oneSpan, BridgeProperties properties) {
        this.oneSpan = oneSpan;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.packageCache().maxSize())
                .expireAfterWrite(properties.packageCache().ttl())
                .build();
    }

    public PackageInfo lookUp(String packageId) {
        return cache.get(packageId, this::fetch);
    }

    private PackageInfo fetch(String packageId) {
        if (!PackageIds.isValid(packageId)) {
            throw new UnknownPackageException("packageId " + packageId + " is not a OneSpan package id");
        }
        JsonNode pkg;
        try {
            pkg = oneSpan.getPackage(packageId);
        } catch (OneSpanRejectedException e) {
            if (e.status() == 404) {
                throw new UnknownPackageException("package " + packageId + " is unknown to OneSpan");
            }
            throw e;
        }
        JsonNode data = pkg.path("data");
        String policyNumber = data.path("policyNumber").asText(null);
        if (policyNumber == null) {
            throw new UnknownPackageException("package " + packageId + " has no data.policyNumber: not created by cobrowse-bridge");
        }
        CrmEvent.Party agent = new CrmEvent.Party(data.path("agentId").asText(null),
                data.path("agentEmail").asText(null), data.path("agentName").asText(null));
        Map<String, CrmEvent.Party> signers = new LinkedHashMap<>();
        for (JsonNode role : pkg.path("roles")) {
            JsonNode signer = role.path("signers").path(0);
            String name = (signer.path("firstName").asText("") + " " + signer.path("lastName").asText("")).trim();
            CrmEvent.Party party = new CrmEvent.Party(role.path("id").asText(null), signer.path("email").asText(null),
                    name.isEmpty() ? null : name);
            signers.put(role.path("id").asText(), party);
            if (signer.hasNonNull("id")) {
                signers.putIfAbsent(signer.path("id").asText(), party);
            }
        }
        return new PackageInfo(packageId, policyNumber, agent, Map.copyOf(signers));
    }
}
