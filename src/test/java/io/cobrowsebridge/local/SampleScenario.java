package io.cobrowsebridge.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import io.cobrowsebridge.support.KafkaTopics;
import io.cobrowsebridge.support.PolicyEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Publishes three sample new-policy events, waits for their transactions, and prints a readable summary. */
final class SampleScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String brokers;
    private final OneSpanSimulator simulator;
    private final PrintStream out = System.out;

    SampleScenario(String brokers, OneSpanSimulator simulator) {
        this.brokers = brokers;
        this.simulator = simulator;
    }

    void run() throws InterruptedException {
        try (KafkaTopics kafka = new KafkaTopics(brokers)) {
            List<String> policies = new ArrayList<>();
            String[][] people = {{"Jane", "Doe"}, {"Amir", "Haddad"}, {"Lucie", "Tremblay"}};
            for (String[] person : people) {
                String policyNumber = PolicyEvents.newPolicyNumber();
                ObjectNode event = PolicyEvents.event(policyNumber, 1);
                ((ObjectNode) event.path("policyholders").get(0))
                        .put("firstName", person[0]).put("lastName", person[1])
                        .put("email", (person[0] + "." + person[1]).toLowerCase() + "@example.com");
                kafka.publish("policy.new", policyNumber, PolicyEvents.bytes(event));
                policies.add(policyNumber);
            }
            Map<String, JsonNode> created = awaitCreated(kafka, policies);
            printSummary(created);
        }
    }

    private Map<String, JsonNode> awaitCreated(KafkaTopics kafka, List<String> policies) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, JsonNode> created = new LinkedHashMap<>();
        while (created.size() < policies.size() && System.nanoTime() < deadline) {
            kafka.readAll("crm.signing-events").forEach(r -> {
                JsonNode event = read(r.value());
                if ("TRANSACTION_CREATED".equals(event.path("type").asText())
                        && policies.contains(event.path("policyNumber").asText())) {
                    created.put(event.path("policyNumber").asText(), event);
                }
            });
            Thread.sleep(500); // polling the topic for the console summary only
        }
        return created;
    }

    private void printSummary(Map<String, JsonNode> created) {
        out.println();
        out.println("==================== cobrowse-bridge local mode ====================");
        out.printf("Published 3 sample events to policy.new; %d transaction(s) created in the OneSpan simulator:%n",
                created.size());
        created.forEach((policy, event) -> {
            out.printf("  policy %s -> package %s%n", policy, event.path("packageId").asText());
            out.printf("      co-browse launch URL (open it in a browser): %s%n", event.at("/cobrowse/launchUrl").asText());
        });
        out.println();
        out.println("  CRM events:      Kafka topic crm.signing-events on localhost:9092");
        out.println("  Dead letters:    Kafka topic policy.new.dlq");
        out.println("  OneSpan (fake):  http://localhost:8089/simulator/packages");
        out.println("  Metrics:         http://localhost:8080/actuator/prometheus");
        out.println("  Agent mailbox:   IMAP localhost:3143, login and password = the address");
        out.println("Stop with Ctrl+C.");
        out.println("=====================================================================");
        out.println();
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
