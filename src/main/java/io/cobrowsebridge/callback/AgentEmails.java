package io.cobrowsebridge.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.crm.CrmEvent;
import java.io.IOException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Decides which CRM events are e-mailed to the agent (COBROWSE_REQUESTED always, plus {@code bridge.mail.notify-types})
 * and prepares the message for the mail endpoint. Content comes from the templates; this class only gives them
 * the facts, and the subject (what happened, for which policy).
 */
@Component("agentEmails")
public class AgentEmails {

    public static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    private final Set<String> notifyTypes;
    private final String from;
    private final ObjectMapper mapper;

    public AgentEmails(BridgeProperties properties, ObjectMapper mapper) {
        this.notifyTypes = properties.mail().notifyTypes();
        this.from = properties.mail().from();
        this.mapper = mapper;
    }

    /** The e-mail for this CRM event, or null when the agent is not to be e-mailed (or has no address). */
    public AgentEmail forEvent(CrmEvent event, CallbackNotification notification) {
        boolean wanted = CallbackMapper.COBROWSE_REQUESTED.equals(event.type()) || notifyTypes.contains(event.type());
        if (!wanted || event.agent() == null || event.agent().email() == null) {
            return null;
        }
        CrmEvent.Party signer = event.signer();
        String customer = signer == null ? null : signer.name();
        String headline = headline(event, customer, signer);
        CrmEvent.Cobrowse cobrowse = event.cobrowse();
        return new AgentEmail(event.eventId(), event.type(), event.agent().email(),
                headline + " - policy " + event.policyNumber(), headline,
                event.policyNumber(), event.packageId(), event.onespanEvent(),
                customer, signer == null ? null : signer.email(),
                cobrowse == null ? null : cobrowse.phone(),
                cobrowse == null ? null : cobrowse.comment(),
                cobrowse == null ? null : cobrowse.availability(),
                cobrowse == null ? null : cobrowse.launchUrl(),
                cobrowse == null || cobrowse.launchUrlExpiresAt() == null ? null : cobrowse.launchUrlExpiresAt().toString(),
                event.detail());
    }

    private static String headline(CrmEvent event, String customer, CrmEvent.Party signer) {
        String who = customer == null ? "The customer" : customer;
        return switch (event.type()) {
            case CallbackMapper.COBROWSE_REQUESTED -> "Co-browse help requested by " + who;
            case "TRANSACTION_DECLINED" -> "Signing declined by " + who;
            case "TRANSACTION_OPTED_OUT" -> who + " opted out of electronic signing";
            case "TRANSACTION_EXPIRED" -> "Signing transaction expired";
            case "EMAIL_BOUNCED" -> "Signing invitation bounced"
                    + (signer == null || signer.email() == null ? "" : " for " + signer.email());
            case "TRANSACTION_COMPLETED" -> "All documents signed, transaction completed";
            case "SIGNER_COMPLETED" -> who + " finished signing";
            case "DOCUMENT_SIGNED" -> "Document signed by " + who;
            default -> "OneSpan event " + event.onespanEvent();
        };
    }

    /**
     * Turns a queued e-mail (JSON) into a mail message: recipient, sender and subject headers, the e-mail itself as
     * body for the templates. Other headers (Kafka's) are dropped so they do not become mail headers.
     */
    public AgentEmail prepare(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        AgentEmail email = mapper.readValue(message.getBody(byte[].class), AgentEmail.class);
        Object commit = message.getHeader(KafkaConstants.MANUAL_COMMIT);
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.MANUAL_COMMIT, commit);
        message.setHeader("To", email.to());
        message.setHeader("From", from);
        message.setHeader("Subject", email.subject());
        message.setBody(email);
        exchange.setProperty("policyNumber", email.policyNumber()); // for the log MDC
        exchange.setProperty("packageId", email.packageId());
        return email;
    }
}
