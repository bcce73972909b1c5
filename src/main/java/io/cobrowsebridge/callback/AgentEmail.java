package io.cobrowsebridge.callback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An e-mail to the agent, as queued on the agent-e-mail topic and as seen by the templates in
 * {@code config/templates/} (fields are the template variables, under {@code body.}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentEmail(
        String crmEventId,
        String type,
        String to,
        String subject,
        String headline,
        String policyNumber,
        String packageId,
        String onespanEvent,
        String customerName,
        String customerEmail,
        String phone,
        String comment,
        List<String> availability,
        String launchUrl,
        String launchUrlExpiresAt,
        String detail) {

    /** For templates: true when this is a co-browse help request. */
    public boolean cobrowseRequested() {
        return CallbackMapper.COBROWSE_REQUESTED.equals(type);
    }

    @Override
    public String toString() {
        return "AgentEmail[type=" + type + ", policyNumber=" + policyNumber + ", packageId=" + packageId + "]";
    }
}
