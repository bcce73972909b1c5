package io.cobrowsebridge.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.cobrowse.LaunchUrlSigner;
import io.cobrowsebridge.intake.IntakeProperties;
import io.cobrowsebridge.intake.PolicyEvent;
import io.cobrowsebridge.ops.BusinessMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/** Builds CRM events and puts them, keyed by policy number, in the message body for the Kafka producer. */
@Component("crmEvents")
public class CrmEvents {

    public static final String TRANSACTION_CREATED = "TRANSACTION_CREATED";

    /** Every CRM event {@code type} of design.md. */
    public static final List<String> TYPES = List.of(TRANSACTION_CREATED, "COBROWSE_REQUESTED", "SIGNER_COMPLETED",
            "DOCUMENT_SIGNED", "TRANSACTION_COMPLETED", "TRANSACTION_DECLINED", "TRANSACTION_OPTED_OUT",
            "TRANSACTION_EXPIRED", "EMAIL_BOUNCED", "ONESPAN_EVENT");

    private final ObjectMapper mapper;
    private final Clock clock;

    public CrmEvents(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Stable id: the same source (type + its natural key) always gives the same eventId. */
    public static String stableId(String type, String naturalKey) {
        return UUID.nameUUIDFromBytes((type + "|" + naturalKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** TRANSACTION_CREATED for the package in exchange property {@code packageId}. */
    public void transactionCreated(Exchange exchange) {
        PolicyEvent event = exchange.getProperty(IntakeProperties.EVENT, PolicyEvent.class);
        String packageId = exchange.getProperty(IntakeProperties.PACKAGE_ID, String.class);
        LaunchUrlSigner.LaunchUrl launch = exchange.getProperty(IntakeProperties.LAUNCH_URL, LaunchUrlSigner.LaunchUrl.class);
        PolicyEvent.Agent agent = event.agent();
        PolicyEvent.Policyholder first = event.policyholders().get(0);
        CrmEvent crm = new CrmEvent(
                stableId(TRANSACTION_CREATED, packageId),
                TRANSACTION_CREATED,
                clock.instant(),
                event.policyNumber(),
                packageId,
                null,
                new CrmEvent.Party(agent.id(), agent.email(), agent.fullName()),
                new CrmEvent.Party("signer1", first.email(), first.fullName()),
                new CrmEvent.Cobrowse(launch.url(), launch.expiresAt(), null, null, null),
                null);
        publish(exchange, crm);
    }

    /** Body = the event's JSON, Kafka key = its policy number; exchange property {@code crmType} = its type. */
    public void publish(Exchange exchange, CrmEvent crm) {
        try {
            exchange.getMessage().setBody(mapper.writeValueAsString(crm));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CRM event not serialisable", e);
        }
        exchange.getMessage().setHeader(KafkaConstants.KEY, crm.policyNumber());
        exchange.setProperty(BusinessMetrics.CRM_TYPE, crm.type());
    }
}
