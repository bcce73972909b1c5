package io.cobrowsebridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowsebridge.onespan.OneSpanClient;
import io.cobrowsebridge.onespan.PackageJsonBuilder;
import io.cobrowsebridge.ops.BusinessMetrics;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One OneSpan transaction per policy number. Before creating, looks the policy up in OneSpan itself (shared
 * state, so it holds across redelivery, restarts and instances):
 * <ul>
 *   <li>no package yet: create it ({@link Outcome#CREATED});</li>
 *   <li>a package created from this same event (an earlier attempt got as far as OneSpan, then failed or
 *       crashed before the offset commit): finish the work with it ({@link Outcome#RESUMED});</li>
 *   <li>a package created from another event: a duplicate, nothing is created or published
 *       ({@link Outcome#DUPLICATE}).</li>
 * </ul>
 * Lookup and create form one step, so a retried step looks up again before it creates.
 */
@Component("policyTransactions")
public class PolicyTransactions {

    private static final Logger log = LoggerFactory.getLogger(PolicyTransactions.class);

    public enum Outcome { CREATED, RESUMED, DUPLICATE }

    private final OneSpanClient oneSpan;
    private final PackageJsonBuilder packages;
    private final BusinessMetrics metrics;

    public PolicyTransactions(OneSpanClient oneSpan, PackageJsonBuilder packages, BusinessMetrics metrics) {
        this.oneSpan = oneSpan;
        this.packages = packages;
        this.metrics = metrics;
    }

    @SuppressWarnings("unchecked")
    public void ensure(Exchange exchange) {
        PolicyEvent event = exchange.getProperty(IntakeProperties.EVENT, PolicyEvent.class);
        String policyNumber = event.policyNumber();
        Optional<JsonNode> existing = oneSpan.findByPolicyNumber(policyNumber);
        Outcome outcome;
        String packageId;
        if (existing.isPresent()) {
            packageId = existing.get().path("id").asText();
            String createdBy = existing.get().path("data").path("eventId").asText(null);
            outcome = event.eventId().equals(createdBy) ? Outcome.RESUMED : Outcome.DUPLICATE;
        } else {
            List<ResolvedDocument> documents = exchange.getProperty(IntakeProperties.DOCUMENTS, List.class);
            packageId = oneSpan.createPackage(packages.build(event, documents), documents);
            outcome = Outcome.CREATED;
        }
        exchange.setProperty(IntakeProperties.PACKAGE_ID, packageId);
        exchange.setProperty(IntakeProperties.OUTCOME, outcome.name());
        metrics.transaction(outcome.name());
        switch (outcome) {
            case CREATED -> log.info("Transaction created: policyNumber={} packageId={}", policyNumber, packageId);
            case RESUMED -> log.info("Transaction already exists for this event, resuming: policyNumber={} packageId={}",
                    policyNumber, packageId);
            case DUPLICATE -> log.info("Duplicate event ignored: policyNumber={} already has packageId={} (eventId={})",
                    policyNumber, packageId, event.eventId());
        }
    }
}
