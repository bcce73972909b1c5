package io.cobrowsebridge.ops;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.simulator.FaultRule;
import io.cobrowsebridge.support.Actuator;
import io.cobrowsebridge.support.PromQl;
import io.cobrowsebridge.support.PrometheusScrape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The metrics on /actuator/prometheus after real traffic: business counters move, consumer lag shows a backlog, and
 * every metric the Grafana dashboard (config/grafana) and the alert rules (config/prometheus) read is exported.
 */
class MetricsIT extends IntegrationTest {

    private static final String INTAKE_LAG = "cobrowse_bridge_kafka_consumer_lag";
    private static final String INTAKE = "group=\"cobrowse-bridge-intake\"";

    private Actuator actuator;

    @BeforeEach
    void actuator() {
        actuator = new Actuator(baseUrl());
    }

    @Test
    void everyMetricReadByTheDashboardAndTheAlertRulesIsExported() throws Exception {
        runTraffic();
        Map<String, Set<String>> referenced = referencedMetrics();
        assertThat(referenced).as("files under config/grafana and config/prometheus").isNotEmpty();
        Set<String> exported = actuator.scrape().names();

        Map<String, Set<String>> missing = new java.util.TreeMap<>();
        referenced.forEach((file, names) -> names.stream().filter(n -> !exported.contains(n))
                .forEach(n -> missing.computeIfAbsent(file, f -> new TreeSet<>()).add(n)));
        assertThat(missing).as("metrics read by the dashboard or alert rules but not exported").isEmpty();
        assertThat(referenced.values().stream().flatMap(Set::stream)).contains(
                "camel_exchanges_total", "camel_route_policy_seconds_bucket", "cobrowse_bridge_kafka_consumer_lag",
                "cobrowse_bridge_dead_letters_total", "cobrowse_bridge_onespan_calls_seconds_bucket",
                "cobrowse_bridge_crm_events_total", "cobrowse_bridge_ready");
    }

    @Test
    void businessCountersFollowTheTrafficWithLowCardinalityTags() throws Exception {
        PrometheusScrape before = actuator.scrape();
        runTraffic();
        PrometheusScrape after = await().atMost(WAIT).until(actuator::scrape,
                s -> s.value("cobrowse_bridge_emails_total", "outcome=\"sent\"")
                        > before.value("cobrowse_bridge_emails_total", "outcome=\"sent\""));

        assertIncreased(before, after, "cobrowse_bridge_transactions_total", "outcome=\"created\"");
        assertIncreased(before, after, "cobrowse_bridge_crm_events_total", "type=\"TRANSACTION_CREATED\"");
        assertIncreased(before, after, "cobrowse_bridge_crm_events_total", "type=\"COBROWSE_REQUESTED\"");
        assertIncreased(before, after, "cobrowse_bridge_callbacks_total", "event=\"COBROWSE_REQUEST\"");
        assertIncreased(before, after, "cobrowse_bridge_dead_letters_total", "reason=\"INVALID_EVENT\"");
        assertIncreased(before, after, "cobrowse_bridge_launches_total", "outcome=\"redirected\"");
        assertIncreased(before, after, "cobrowse_bridge_launches_total", "outcome=\"refused\"");
        assertIncreased(before, after, "cobrowse_bridge_onespan_calls_seconds_count",
                "operation=\"create_package\"", "outcome=\"success\"");
        assertIncreased(before, after, "camel_exchanges_total", "routeId=\"policy-intake\"");

        String text = actuator.get("/actuator/prometheus").body();
        assertThat(text).as("no policy number, package id or e-mail address in any tag")
                .doesNotContain("P-2026-").doesNotContain("@example.com").doesNotContain("@insurer.example");
    }

    @Test
    void consumerLagShowsTheBacklogAndReturnsToZero() {
        await().atMost(WAIT).until(() -> actuator.scrape().value(INTAKE_LAG, INTAKE) == 0.0);
        SIMULATOR.addFault(FaultRule.latency("POST", "/api/packages", 1500));
        for (int i = 0; i < 4; i++) {
            String policyNumber = newPolicyNumber();
            kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        }
        await().atMost(WAIT).until(() -> actuator.scrape().value(INTAKE_LAG, INTAKE) >= 1.0);
        SIMULATOR.clearFaults();
        await().atMost(WAIT).until(() -> actuator.scrape().value(INTAKE_LAG, INTAKE) == 0.0);
        assertThat(actuator.scrape().value(INTAKE_LAG, "group=\"cobrowse-bridge-callbacks\"",
                "topic=\"onespan.callbacks\"")).isNotNaN();
    }

    /** One transaction, one co-browse request (with its e-mail), an invalid event, a good and a bad launch URL. */
    private void runTraffic() throws Exception {
        SIMULATOR.registerCallback(baseUrl() + "/onespan/callback", CALLBACK_KEY);
        String policyNumber = newPolicyNumber();
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        kafka().publish("policy.new", "broken-" + policyNumber, "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode created = awaitCrmEvents(policyNumber, 1).get(0);
        String packageId = created.path("packageId").asText();
        assertThat(SIMULATOR.fireCallback(packageId, "COBROWSE_REQUEST", Map.of("sessionUser", "signer1",
                "phone", "+1 514 555 0100"))).isEqualTo(200);
        awaitCrmEvents(policyNumber, 2);

        URI launch = URI.create(created.at("/cobrowse/launchUrl").asText());
        assertThat(actuator.status(launch.getRawPath() + "?" + launch.getRawQuery())).isEqualTo(302);
        assertThat(actuator.status(launch.getRawPath() + "?exp=1&sig=forged")).isEqualTo(403);
        await().atMost(WAIT).until(() -> !recordsWithKey("policy.new.dlq", "broken-" + policyNumber).isEmpty());
    }

    private static void assertIncreased(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        double was = before.value(name, labels);
        assertThat(after.value(name, labels)).as(name + " " + String.join(",", labels))
                .isGreaterThan(Double.isNaN(was) ? 0 : was);
    }

    /** file -> metric names read by its PromQL expressions (dashboard targets, alert and recording rules). */
    static Map<String, Set<String>> referencedMetrics() throws IOException {
        Map<String, Set<String>> names = new java.util.TreeMap<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("config/grafana")), Files.list(Path.of("config/prometheus")))) {
            for (Path file : files.sorted().toList()) {
                List<String> expressions = file.toString().endsWith(".json") ? dashboardExpressions(file) : ruleExpressions(file);
                Set<String> fileNames = new TreeSet<>();
                expressions.forEach(e -> fileNames.addAll(PromQl.metricNames(e)));
                assertThat(fileNames).as("metrics read by " + file).isNotEmpty();
                names.put(file.toString(), fileNames);
            }
        }
        return names;
    }

    private static List<String> dashboardExpressions(Path file) throws IOException {
        List<String> expressions = new ArrayList<>();
        JSON.readTree(file.toFile()).findValues("expr").forEach(e -> expressions.add(e.asText()));
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleExpressions(Path file) throws IOException {
        List<String> expressions = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> rules = new Yaml().load(in);
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    expressions.add(String.valueOf(rule.get("expr")));
                }
            }
        }
        return expressions;
    }
}
