package io.cobrowsebridge.callback;

import io.cobrowsebridge.crm.CrmEvent;
import java.util.Map;

/** What a callback needs to know about its package: the policy, the agent and the signers by id. */
public record PackageInfo(String packageId, String policyNumber, CrmEvent.Party agent,
                          Map<String, CrmEvent.Party> signers) {

    public CrmEvent.Party signer(String id) {
        return id == null ? null : signers.get(id);
    }
}
