package io.cobrowsebridge.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.crm.CrmEvent;
import io.cobrowsebridge.crm.CrmEvents;
import io.cobrowsebridge.intake.InvalidEventException;
import io.cobrowsebridge.ops.BusinessMetrics;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Steps of the callback-dispatch route: read the stored notification, then map it (with its package's details)
 * to a CRM event and, where the agent must act, an e-mail. Exchange properties: {@code notification},
 * {@code notificationId}, {@code packageId}, {@code policyNumber}, {@code agentEmail}.
 */
@Component("callbackDispatch")
public class CallbackDispatch {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatch.class);

    private final ObjectMapper mapper;
    private final PackageDirectory packages;
    private final CallbackMapper callbackMapper;
    private final AgentEmails agentEmails;
    private final CrmEvents crmEvents;
    private final BusinessMetrics metrics;

    public CallbackDispatch(ObjectMapper mapper, PackageDirectory packages, CallbackMapper callbackMapper,
                            AgentEmails agentEmails, CrmEvents crmEvents, BusinessMetrics metrics) {
        this.mapper = mapper;
        this.packages = packages;
        this.callbackMapper = callbackMapper;
        this.agentEmails = agentEmails;
        this.crmEvents = crmEvents;
        this.metrics = metrics;
    }

    public void read(Exchange exchange) {
        CallbackNotification notification;
        try {
            notification = mapper.readValue(exchange.getMessage().getBody(byte[].class), CallbackNotification.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a OneSpan callback notification: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("unreadable callback notification");
        }
        if (notification == null || notification.name() == null || notification.packageId() == null) {
            throw new InvalidEventException("callback notification without name or packageId");
        }
        exchange.setProperty("notification", notification);
        exchange.setProperty("notificationId", notification.identity());
        exchange.setProperty("packageId", notification.packageId());
        metrics.callbackReceived(eventTag(notification.name()));
    }

    /** Body = the CRM event (keyed by policy number); property {@code agentEmail} = the queued e-mail or null. */
    public void toCrmEvent(Exchange exchange) throws JsonProcessingException {
        CallbackNotification notification = exchange.getProperty("notification", CallbackNotification.class);
        PackageInfo pkg = packages.lookUp(notification.packageId());
        CrmEvent event = callbackMapper.toCrmEvent(notification, pkg);
        AgentEmail email = agentEmails.forEvent(event, notification);
        exchange.setProperty("policyNumber", pkg.policyNumber());
        exchange.setProperty("crmType", event.type());
        exchange.setProperty("agentEmail", email == null ? null : mapper.writeValueAsString(email));
        crmEvents.publish(exchange, event);
        log.info("Callback {} routed as {}: policyNumber={} packageId={}{}", notification.name(), event.type(),
                pkg.policyNumber(), pkg.packageId(), email == null ? "" : " (agent e-mailed)");
    }

    /** Known OneSpan names as they are; anything else in one bucket, so metric tags stay few. */
    private static String eventTag(String name) {
        return CallbackMapper.crmType(name).equals("ONESPAN_EVENT") && !name.matches("[A-Z_]{1,40}") ? "OTHER" : name;
    }
}
