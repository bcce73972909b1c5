package io.cobrowsebridge.ops;

import io.cobrowsebridge.crm.CrmEvents;
import io.cobrowsebridge.kafka.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The business counters on {@code /actuator/prometheus}. Every tag value comes from a small fixed set (outcomes,
 * reasons, CRM types, OneSpan event names): never a policy number, an e-mail address or a package id.
 * Counters whose tag values are known up front are registered at zero, so dashboards and alerts see them before
 * the first event (a counter that appears only with its first increment hides that increment from {@code rate()}).
 */
@Component("businessMetrics")
public class BusinessMetrics {

    public static final String TRANSACTIONS = "cobrowse_bridge_transactions_total";
    public static final String CALLBACKS = "cobrowse_bridge_callbacks_total";
    public static final String CRM_EVENTS = "cobrowse_bridge_crm_events_total";
    public static final String DEAD_LETTERS = "cobrowse_bridge_dead_letters_total";
    public static final String EMAILS = "cobrowse_bridge_emails_total";
    public static final String LAUNCHES = "cobrowse_bridge_launches_total";

    /** Exchange property holding the type of the CRM event just built ({@link CrmEvents#publish}). */
    public static final String CRM_TYPE = "crmType";

    private final MeterRegistry meters;

    public BusinessMetrics(MeterRegistry meters) {
        this.meters = meters;
        List.of("created", "resumed", "duplicate").forEach(o -> meters.counter(TRANSACTIONS, "outcome", o));
        CrmEvents.TYPES.forEach(t -> meters.counter(CRM_EVENTS, "type", t));
        DeadLetters.REASONS.forEach(r -> meters.counter(DEAD_LETTERS, "reason", r));
        List.of("sent", "failed").forEach(o -> meters.counter(EMAILS, "outcome", o));
        List.of("redirected", "refused", "failed").forEach(o -> meters.counter(LAUNCHES, "outcome", o));
    }

    /** A new-policy event ended in a transaction: {@code created}, {@code resumed} or {@code duplicate}. */
    public void transaction(String outcome) {
        meters.counter(TRANSACTIONS, "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }

    /** A stored OneSpan notification was read by callback-dispatch (before duplicate detection). */
    public void callbackReceived(String eventTag) {
        meters.counter(CALLBACKS, "event", eventTag).increment();
    }

    /** Route step after the CRM event was acknowledged by Kafka; its type is in exchange property {@code crmType}. */
    public void crmEventPublished(Exchange exchange) {
        String type = exchange.getProperty(CRM_TYPE, String.class);
        meters.counter(CRM_EVENTS, "type", CrmEvents.TYPES.contains(type) ? type : "ONESPAN_EVENT").increment();
    }

    public void deadLetter(String reason) {
        meters.counter(DEAD_LETTERS, "reason", reason).increment();
    }

    /** Route step after SMTP accepted an agent e-mail. */
    public void emailSent() {
        meters.counter(EMAILS, "outcome", "sent").increment();
    }

    /** One failed SMTP attempt (the e-mail itself is retried, and not lost). */
    public void emailFailed() {
        meters.counter(EMAILS, "outcome", "failed").increment();
    }

    /**
     * A launch URL was opened: {@code redirected} to OneSpan, {@code refused} (bad or expired signature: 403) or
     * {@code failed} (OneSpan refused or was unreachable).
     */
    public void launch(String outcome) {
        meters.counter(LAUNCHES, "outcome", outcome).increment();
    }
}
