package io.cobrowsebridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run of N events left behind, counted against what was published.
 *
 * @param events         events published (one policy each)
 * @param transactions   packages in OneSpan
 * @param duplicates     packages beyond the first for a policy
 * @param lost           published policies without a package, or without a TRANSACTION_CREATED naming it
 * @param crmCreated     TRANSACTION_CREATED records for the published policies
 * @param crmRedelivered TRANSACTION_CREATED records repeating an eventId already published (at-least-once)
 * @param unstableIds    policies whose TRANSACTION_CREATED records carry more than one eventId
 * @param foreign        packages not created from the published event of their policy
 * @param deadLetters    records on policy.new.dlq
 * @param resumed        events whose package existed already when (re)processed ("resuming" in the logs)
 */
record Outcome(int events, int transactions, int duplicates, int lost, int crmCreated, int crmRedelivered,
               int unstableIds, int foreign, int deadLetters, long resumed) {

    static Outcome of(Map<String, String> published, List<? extends JsonNode> packages, List<JsonNode> crm,
                      int deadLetters, long resumed) {
        Map<String, List<JsonNode>> packagesByPolicy = packages.stream()
                .collect(Collectors.groupingBy(p -> p.path("data").path("policyNumber").asText()));
        Map<String, List<JsonNode>> createdByPolicy = crm.stream()
                .filter(e -> "TRANSACTION_CREATED".equals(e.path("type").asText()))
                .filter(e -> published.containsKey(e.path("policyNumber").asText()))
                .collect(Collectors.groupingBy(e -> e.path("policyNumber").asText()));

        int duplicates = 0;
        int lost = 0;
        int redelivered = 0;
        int unstable = 0;
        for (var policy : published.entrySet()) {
            List<JsonNode> own = packagesByPolicy.getOrDefault(policy.getKey(), List.of());
            List<JsonNode> created = createdByPolicy.getOrDefault(policy.getKey(), List.of());
            duplicates += Math.max(0, own.size() - 1);
            Set<String> packageIds = own.stream().map(p -> p.path("id").asText()).collect(Collectors.toSet());
            boolean announced = created.stream().anyMatch(e -> packageIds.contains(e.path("packageId").asText()));
            if (own.isEmpty() || !announced) {
                lost++;
            }
            long distinctIds = created.stream().map(e -> e.path("eventId").asText()).distinct().count();
            redelivered += created.size() - (int) distinctIds;
            if (distinctIds > 1) {
                unstable++;
            }
        }
        int foreign = (int) packages.stream()
                .filter(p -> !p.path("data").path("eventId").asText()
                        .equals(published.get(p.path("data").path("policyNumber").asText())))
                .count();
        int crmCreated = createdByPolicy.values().stream().mapToInt(List::size).sum();
        return new Outcome(published.size(), packages.size(), duplicates, lost, crmCreated, redelivered, unstable,
                foreign, deadLetters, resumed);
    }

    String line(String scenario, int faults, double seconds, String fault) {
        return String.format(Locale.ROOT, "RELIABILITY scenario=%s events=%d faults=%d transactions=%d duplicates=%d "
                        + "lost=%d crm_created=%d crm_redelivered=%d dead_letters=%d resumed=%d runtime_s=%.1f fault=\"%s\"",
                scenario, events, faults, transactions, duplicates, lost, crmCreated, crmRedelivered, deadLetters,
                resumed, seconds, fault);
    }

    /** Every event took effect exactly once: one package per policy, announced with one stable eventId. */
    void assertExactlyOnce() {
        assertAll(
                () -> assertThat(lost).as("policies lost").isZero(),
                () -> assertThat(duplicates).as("duplicate transactions").isZero(),
                () -> assertThat(transactions).as("transactions in OneSpan").isEqualTo(events),
                () -> assertThat(foreign).as("packages not from their policy's event").isZero(),
                () -> assertThat(unstableIds).as("policies with more than one CRM eventId").isZero(),
                () -> assertThat(crmCreated).as("TRANSACTION_CREATED records").isGreaterThanOrEqualTo(events),
                () -> assertThat(deadLetters).as("dead letters").isZero());
    }
}
