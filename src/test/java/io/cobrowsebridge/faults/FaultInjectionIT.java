package io.cobrowsebridge.faults;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.simulator.FaultRule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenarios that run inside the shared test context: OneSpan faults at volume (a), hostile events (e),
 * Retry-After, and dead-letter replay. Each prints a {@code RELIABILITY ...} line with its figures.
 */
class FaultInjectionIT extends IntegrationTest {

    private static final Duration LONG_WAIT = Duration.ofMinutes(4);
    /** -Dreliability.late-creates=true: scenario a's timeouts are creates that OneSpan completes after the client gave up. */
    private static final boolean LATE_CREATES = Boolean.getBoolean("reliability.late-creates");

    @Test
    void scenarioA_thousandEventsThroughOneSpan503sAndTimeouts() {
        int events = Integer.getInteger("reliability.events", 1000);
        SIMULATOR.addFault(FaultRule.status("POST", "/api/packages", 503).withFailureRate(0.20));
        if (LATE_CREATES) {
            // stricter variant (soak): slower than the client's 1 s timeout, and OneSpan creates the package anyway
            SIMULATOR.addFault(FaultRule.latency("POST", "/api/packages", 1_300).withFailureRate(0.05));
        } else {
            // a timeout: no answer within the client's 1 s, then the connection is dropped
            SIMULATOR.addFault(FaultRule.hang("POST", "/api/packages", 1_300).withFailureRate(0.05));
        }
        int createCallsBefore = SIMULATOR.requestCount("POST", "/api/packages");

        List<String> policies = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String policyNumber = newPolicyNumber();
            policies.add(policyNumber);
            kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        }
        Set<String> wanted = new HashSet<>(policies);
        await().atMost(LONG_WAIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> createdEventsFor(wanted).size() >= events);
        SIMULATOR.clearFaults();

        Map<String, Long> packagesPerPolicy = SIMULATOR.packages().stream()
                .map(p -> p.at("/data/policyNumber").asText())
                .filter(wanted::contains)
                .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        List<JsonNode> created = createdEventsFor(wanted);
        long duplicates = packagesPerPolicy.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
        long lost = events - packagesPerPolicy.size();
        int createCalls = SIMULATOR.requestCount("POST", "/api/packages") - createCallsBefore;
        packagesPerPolicy.forEach((policy, count) -> {
            if (count > 1) {
                System.out.println("RELIABILITY scenario=a duplicate policyNumber=" + policy + " packages=" + count);
            }
        });
        System.out.printf("RELIABILITY scenario=a late_creates=" + LATE_CREATES + " events=%d create_calls=%d faulted_calls=%d transactions=%d duplicates=%d"
                        + " lost=%d crm_created=%d dead_letters=%d%n", events, createCalls, createCalls - events,
                packagesPerPolicy.size(), duplicates, lost, created.size(), deadLettersFor(wanted).size());

        assertThat(packagesPerPolicy).hasSize(events);
        assertThat(duplicates).isZero();
        assertThat(created).hasSize(events);
        assertThat(created.stream().map(e -> e.path("policyNumber").asText()).distinct()).hasSize(events);
        assertThat(deadLettersFor(wanted)).isEmpty();
        assertThat(createCalls).as("faults were really injected").isGreaterThan(events);
    }

    @Test
    void scenarioE_hostileEventsInterleavedWithValidOnesNeverStickTheConsumer() {
        int pairs = Integer.getInteger("reliability.hostile", 500);
        Random random = new Random(42);
        List<String> valid = new ArrayList<>();
        Set<String> hostileKeys = new HashSet<>();
        for (int i = 0; i < pairs; i++) {
            String hostileKey = "HOSTILE-" + newPolicyNumber();
            hostileKeys.add(hostileKey);
            kafka().publish("policy.new", hostileKey, hostile(i, random));
            String policyNumber = newPolicyNumber();
            valid.add(policyNumber);
            kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        }
        Set<String> wanted = new HashSet<>(valid);
        await().atMost(LONG_WAIT).pollInterval(Duration.ofSeconds(2)).until(() ->
                createdEventsFor(wanted).size() >= pairs && deadLettersFor(hostileKeys).size() >= pairs);

        List<ConsumerRecord<byte[], byte[]>> dead = deadLettersFor(hostileKeys);
        long transactions = SIMULATOR.packages().stream().filter(p -> wanted.contains(p.at("/data/policyNumber").asText())).count();
        Map<String, Long> reasons = dead.stream().collect(Collectors.groupingBy(r -> header(r, "x-error-reason"), Collectors.counting()));
        System.out.printf("RELIABILITY scenario=e valid=%d hostile=%d transactions=%d dead_letters=%d reasons=%s lost=%d%n",
                pairs, pairs, transactions, dead.size(), reasons, pairs - transactions);

        assertThat(transactions).isEqualTo(pairs);
        assertThat(dead).hasSize(pairs).allSatisfy(r -> {
            assertThat(header(r, "x-error-reason")).isNotBlank();
            assertThat(header(r, "x-error-detail")).isNotBlank();
        });
        assertThat(deadLettersFor(wanted)).isEmpty();
        await().atMost(WAIT).until(() -> kafka().uncommitted(INTAKE_GROUP, "policy.new") == 0);
    }

    @Test
    void aCreateOneSpanFinishesAfterTheClientTimedOutIsFoundInsteadOfRepeated() {
        String policyNumber = newPolicyNumber();
        SIMULATOR.addFault(FaultRule.latency("POST", "/api/packages", 1_300).withTimes(1)); // client timeout: 1 s
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        awaitCrmEvents(policyNumber, 1);
        assertThat(SIMULATOR.packages().stream().filter(p -> policyNumber.equals(p.at("/data/policyNumber").asText())))
                .hasSize(1);
        assertThat(crmEvents(policyNumber)).hasSize(1);
    }

    @Test
    void retryAfterIsHonouredAndTheEventStillBecomesOneTransaction() {
        String policyNumber = newPolicyNumber();
        SIMULATOR.addFault(FaultRule.status("POST", "/api/packages", 429).withRetryAfter(2).withTimes(1));
        long start = System.nanoTime();
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        awaitCrmEvents(policyNumber, 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("waited for Retry-After, not the 100 ms backoff").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(SIMULATOR.packages().stream().filter(p -> policyNumber.equals(p.at("/data/policyNumber").asText())))
                .hasSize(1);
    }

    @Test
    void theReplayIsAnOperatorOperation() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/deadletters"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"ALL\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void deadLettersOfOneReasonAreReplayedOnceEvenWhenTheReplayRunsTwice() throws Exception {
        SIMULATOR.addFault(FaultRule.status("*", "/api/packages", 503));
        String first = newPolicyNumber();
        String second = newPolicyNumber();
        kafka().publish("policy.new", first, bytes(event(first, 1)));
        kafka().publish("policy.new", second, bytes(event(second, 1)));
        String invalid = newPolicyNumber();
        kafka().publish("policy.new", invalid, "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> deadLettersFor(Set.of(first, second, invalid)).size() == 3);
        assertThat(recordsWithKey("policy.new.dlq", first)).allSatisfy(r ->
                assertThat(header(r, "x-error-reason")).isEqualTo("ONESPAN_UNAVAILABLE"));
        SIMULATOR.clearFaults();

        JsonNode run1 = replay("ONESPAN_UNAVAILABLE");
        awaitCrmEvents(first, 1);
        awaitCrmEvents(second, 1);
        JsonNode run2 = replay("ONESPAN_UNAVAILABLE");

        assertThat(run1.path("replayed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(run2.path("replayed").asInt()).isZero();
        assertThat(run2.path("alreadyReplayed").asInt()).isEqualTo(run1.path("replayed").asInt() + run1.path("alreadyReplayed").asInt());
        List<ConsumerRecord<byte[], byte[]>> republished = recordsWithKey("policy.new", first);
        assertThat(republished).hasSize(2);
        assertThat(header(republished.get(1), "x-replayed-from")).startsWith("policy.new.dlq-");
        assertThat(recordsWithKey("policy.new", invalid)).as("other reasons stay put").hasSize(1);
        assertThat(SIMULATOR.packages().stream().filter(p -> first.equals(p.at("/data/policyNumber").asText()))).hasSize(1);
        assertThat(crmEvents(first)).hasSize(1);
    }

    private JsonNode replay(String reason) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/deadletters"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Random bytes, truncated JSON, wrong types, 1 MB strings, a value near the broker limit, deep nesting. */
    private static byte[] hostile(int i, Random random) {
        switch (i % 6) {
            case 0 -> {
                byte[] noise = new byte[1 + random.nextInt(2048)];
                random.nextBytes(noise);
                noise[0] = (byte) 0xFF; // never valid UTF-8 JSON
                return noise;
            }
            case 1 -> {
                byte[] full = bytes(event(newPolicyNumber(), 1));
                return java.util.Arrays.copyOf(full, 1 + random.nextInt(full.length - 2));
            }
            case 2 -> {
                ObjectNode e = event(newPolicyNumber(), 1);
                e.put("policyholders", "everyone");
                return bytes(e);
            }
            case 3 -> {
                ObjectNode e = event(newPolicyNumber(), 1);
                ((ObjectNode) e.path("policy")).put("policyNumber", "P".repeat(1024 * 1024));
                return bytes(e);
            }
            case 4 -> {
                if (i == 4) { // one value just under the test broker's 16 MiB limit: its dead letter (with headers) is over it
                    byte[] big = new byte[16 * 1024 * 1024 - 256];
                    java.util.Arrays.fill(big, (byte) '[');
                    return big;
                }
                return ("{\"eventId\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return ("{".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private List<JsonNode> createdEventsFor(Set<String> policies) {
        List<JsonNode> created = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka().readAll("crm.signing-events")) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            if (policies.contains(key)) {
                try {
                    JsonNode e = JSON.readTree(r.value());
                    if ("TRANSACTION_CREATED".equals(e.path("type").asText())) {
                        created.add(e);
                    }
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return created;
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLettersFor(Set<String> keys) {
        Map<String, Boolean> lookup = new HashMap<>();
        keys.forEach(k -> lookup.put(k, true));
        return kafka().readAll("policy.new.dlq").stream()
                .filter(r -> r.key() != null && lookup.containsKey(new String(r.key(), StandardCharsets.UTF_8)))
                .toList();
    }
}
