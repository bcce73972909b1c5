package io.cobrowsebridge.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import io.cobrowsebridge.support.KafkaTopics;
import io.cobrowsebridge.support.PolicyEvents;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes three sample new-policy events and waits for their transactions; then has the simulator play the
 * signers (a co-browse help request, a completion, a decline) and prints what reached the CRM topic and the agent's
 * mailbox.
 */
final class SampleScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String brokers;
    private final OneSpanSimulator simulator;
    private final GreenMail mail;
    private final PrintStream out = System.out;

    SampleScenario(String brokers, OneSpanSimulator simulator, GreenMail mail) {
        this.brokers = brokers;
        this.simulator = simulator;
        this.mail = mail;
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
            playSigners(new ArrayList<>(created.values()));
            printCallbackSummary(kafka, policies);
        }
    }

    /** The simulator plays the signers, as OneSpan would call back. */
    private void playSigners(List<JsonNode> created) {
        if (created.size() < 3) {
            out.println("Not all sample transactions exist; skipping the signer scenario.");
            return;
        }
        String helpWanted = created.get(0).path("packageId").asText();
        String completes = created.get(1).path("packageId").asText();
        String declines = created.get(2).path("packageId").asText();
        simulator.fireCallback(helpWanted, "COBROWSE_REQUEST", Map.of(
                "sessionUser", "signer1",
                "phone", "+1 514 555 0100",
                "comment", "I am not sure which beneficiary option to choose.",
                "selectedSupportBusinessHours", List.of("Morning - 9AM to 12PM ((GMT 0:00) GMT)",
                        "Afternoon - 12PM to 5PM ((GMT 0:00) GMT)")));
        simulator.fireCallback(completes, "SIGNER_COMPLETE", Map.of("sessionUser", "signer1"));
        simulator.fireCallback(completes, "PACKAGE_COMPLETE", Map.of("sessionUser", "signer1"));
        simulator.fireCallback(declines, "PACKAGE_DECLINE",
                Map.of("sessionUser", "signer1", "message", "The premium is not what we agreed on."));
    }

    private void printCallbackSummary(KafkaTopics kafka, List<String> policies) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> events = List.of();
        while (System.nanoTime() < deadline && (events.size() < 7 || mail.getReceivedMessages().length < 3)) {
            Thread.sleep(500); // polling for the console summary only
            events = kafka.readAll("crm.signing-events").stream().map(r -> read(r.value()))
                    .filter(e -> policies.contains(e.path("policyNumber").asText())).toList();
        }
        out.println("==================== signers played by the simulator ===================");
        out.printf("CRM events on crm.signing-events (%d):%n", events.size());
        for (JsonNode e : events) {
            out.printf("  %-22s policy %s%s%n", e.path("type").asText(), e.path("policyNumber").asText(),
                    e.has("detail") ? "  (" + e.path("detail").asText() + ")" : "");
        }
        MimeMessage[] received = mail.getReceivedMessages();
        out.printf("E-mails sent to agents (%d), read them over IMAP localhost:3143:%n", received.length);
        for (MimeMessage m : received) {
            try {
                out.printf("  to %s: %s%n", m.getAllRecipients()[0], m.getSubject());
            } catch (jakarta.mail.MessagingException ex) {
                out.println("  (unreadable message)");
            }
        }
        out.println("Stop with Ctrl+C.");
        out.println("========================================================================");
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
