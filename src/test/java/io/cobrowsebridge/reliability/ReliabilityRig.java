package io.cobrowsebridge.reliability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import io.cobrowsebridge.support.KafkaTopics;
import io.cobrowsebridge.support.PolicyEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ConsumerGroupState;

/**
 * Everything one reliability scenario runs against: a broker process, the OneSpan simulator, the topics, any number
 * of service processes, plus the measurements the scenarios assert on. Closing it kills whatever it started.
 */
final class ReliabilityRig implements AutoCloseable {

    /** Intake consumer threads per service instance (group members = instances x this). */
    static final int CONSUMERS_PER_INSTANCE = 2;

    /** Events per scenario; the Maven profile {@code soak} raises it. */
    static final int EVENTS = Integer.getInteger("reliability.events", 200);
    static final String INTAKE_GROUP = "cobrowse-bridge-intake";

    private static final String API_KEY = "reliability-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SMALL_TOPICS = List.of("policy.new.dlq", "onespan.callbacks",
            "onespan.callbacks.dlq", "crm.signing-events", "cobrowse-bridge.agent-emails",
            "cobrowse-bridge.callback-dedupe");

    final String scenario;
    final KafkaProcess kafka;
    final OneSpanSimulator simulator;
    private final KafkaTopics topics;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final long startedAt = System.nanoTime();

    private ReliabilityRig(String scenario, KafkaProcess kafka, OneSpanSimulator simulator) {
        this.scenario = scenario;
        this.kafka = kafka;
        this.simulator = simulator;
        this.topics = new KafkaTopics(kafka.bootstrap());
    }

    /** Starts a broker with the service's topics ({@code policy.new} with the given partitions) and a simulator. */
    static ReliabilityRig start(String scenario, int intakePartitions) {
        KafkaProcess kafka = KafkaProcess.start("scenario-" + scenario + "-kafka");
        try {
            createTopics(kafka.bootstrap(), intakePartitions);
            return new ReliabilityRig(scenario, kafka, OneSpanSimulator.start(0, API_KEY));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** Launches one more service instance (same consumer groups); {@link ServiceProcess#awaitReady()} is up to the caller. */
    ServiceProcess launchService(String name) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.component.kafka.brokers", kafka.bootstrap());
        settings.put("onespan.base-url", simulator.baseUrl());
        settings.put("onespan.api-key", API_KEY);
        settings.put("onespan.response-timeout", "1s");
        settings.put("bridge.onespan-retry.initial-delay-ms", "100");
        settings.put("bridge.onespan-retry.max-delay-ms", "400");
        settings.put("bridge.launch.secret", "reliability-launch-secret-0123456789");
        settings.put("bridge.callback.keys", "reliability-callback-key");
        // No e-mail is sent in these scenarios: a port nobody listens on.
        settings.put("bridge.mail.host", "127.0.0.1");
        settings.put("bridge.mail.port", Integer.toString(ChildJvm.freePort()));
        // A dead member is noticed after 6 s (the broker's minimum) instead of the default 45 s.
        settings.put("bridge.kafka.intake-consumers", Integer.toString(CONSUMERS_PER_INSTANCE));
        settings.put("camel.component.kafka.session-timeout-ms", "6000");
        settings.put("camel.component.kafka.heartbeat-interval-ms", "1500");
        ServiceProcess service = ServiceProcess.launch("scenario-" + scenario + "-" + name, settings);
        services.add(service);
        return service;
    }

    /** Publishes {@code count} valid new-policy events, each for its own policy; returns policyNumber to eventId. */
    Map<String, String> publish(int count) {
        Map<String, String> published = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String policyNumber = PolicyEvents.newPolicyNumber();
            ObjectNode event = PolicyEvents.event(policyNumber, 1);
            topics.publish("policy.new", policyNumber, PolicyEvents.bytes(event));
            published.put(policyNumber, event.path("eventId").asText());
        }
        return published;
    }

    /** Waits until the simulator holds at least {@code count} packages; returns how many it holds then. */
    int awaitPackages(int count) {
        return await("at least " + count + " packages").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(simulator::packageCount, n -> n >= count);
    }

    /** Waits until every record of {@code policy.new} is committed by the intake group (done or dead-lettered). */
    void awaitIntakeCommitted(int events) {
        await("policy.new fully committed").atMost(Duration.ofSeconds(60 + events / 5))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> topics.uncommitted(INTAKE_GROUP, "policy.new"), lag -> lag == 0);
    }

    /** Waits until the intake group is stable with the consumers of {@code instances} instances, all owning partitions. */
    void awaitIntakeGroup(int instances) {
        int members = instances * CONSUMERS_PER_INSTANCE;
        try (Admin admin = admin()) {
            await("intake group of " + members).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(INTAKE_GROUP))
                                .describedGroups().get(INTAKE_GROUP).get();
                        return group.state() == ConsumerGroupState.STABLE && group.members().size() == members
                                && group.members().stream()
                                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    });
        }
    }

    /** Records currently in a topic (all partitions). */
    int recordsIn(String topic) {
        return topics.readAll(topic).size();
    }

    /** Counts what the run left behind in OneSpan and on the topics. */
    Outcome outcome(Map<String, String> published) {
        List<JsonNode> crm = topics.readAll("crm.signing-events").stream().map(r -> parse(r.value())).toList();
        int deadLetters = topics.readAll("policy.new.dlq").size();
        long resumed = services.stream().mapToLong(s -> s.logCount("resuming: policyNumber=")).sum();
        return Outcome.of(published, simulator.packages(), crm, deadLetters, resumed);
    }

    /** Prints the RELIABILITY line (and appends it to target/reliability-logs/results.txt). */
    void report(Outcome outcome, int faults, String fault) {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        String line = outcome.line(scenario, faults, seconds, fault);
        System.out.println(line);
        try {
            Files.createDirectories(ChildJvm.LOGS);
            Files.writeString(ChildJvm.LOGS.resolve("results.txt"), line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::kill);
        topics.close();
        simulator.close();
        kafka.close();
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        return Admin.create(props);
    }

    private static void createTopics(String bootstrap, int intakePartitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic("policy.new", intakePartitions, (short) 1));
        SMALL_TOPICS.forEach(t -> topics.add(new NewTopic(t, 3, (short) 1)));
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics", e);
        }
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
