package io.cobrowsebridge.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (combined broker and controller) in a child JVM, on the test class path:
 * {@code kafka.tools.StorageTool format} once, then {@code kafka.Kafka server.properties}. Its port and log
 * directory are fixed for its life, so it can be killed and started again with its data, as after a host crash.
 */
final class KafkaProcess implements AutoCloseable {

    private final String name;
    private final int port = ChildJvm.freePort();
    private final int controllerPort = ChildJvm.freePort();
    private final Path dir;
    private final Path log;
    private Process process;

    private KafkaProcess(String name) {
        this.name = name;
        this.dir = ChildJvm.WORK.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.log = ChildJvm.freshLog(name);
    }

    /** Writes the configuration, formats the storage and starts the broker. */
    static KafkaProcess start(String name) {
        KafkaProcess kafka = new KafkaProcess(name);
        kafka.writeConfiguration();
        kafka.format();
        kafka.start();
        return kafka;
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    /** Starts the broker on the same ports and data as before and waits until it answers. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process = ChildJvm.launch(jvm("kafka.Kafka", dir.resolve("server.properties").toString()), dir, log);
        awaitReady();
    }

    /** SIGKILL: the broker dies without flushing or closing anything. */
    void kill() {
        ChildJvm.kill(process);
    }

    /** SIGTERM: a controlled shutdown. */
    void stop() {
        ChildJvm.stop(process, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        kill();
        deleteData();
    }

    private List<String> jvm(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void format() {
        Process formatter = ChildJvm.launch(jvm("kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString()), dir, log);
        if (!ChildJvm.waitFor(formatter, Duration.ofSeconds(60)) || formatter.exitValue() != 0) {
            formatter.destroyForcibly();
            throw new IllegalStateException("formatting the Kafka storage failed, see " + log + ":\n"
                    + ChildJvm.tail(log, 30));
        }
    }

    private void awaitReady() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            await(name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(name + " exited with " + process.exitValue() + ", see " + log
                                    + ":\n" + ChildJvm.tail(log, 40));
                        }
                        return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == 1;
                    });
        }
    }

    private void writeConfiguration() {
        Map<String, String> server = new LinkedHashMap<>();
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        server.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        server.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        server.put("controller.listener.names", "CONTROLLER");
        server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.put("inter.broker.listener.name", "PLAINTEXT");
        server.put("log.dirs", dir.resolve("data").toString());
        server.put("auto.create.topics.enable", "false");
        server.put("offsets.topic.replication.factor", "1");
        server.put("offsets.topic.num.partitions", "5");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        // After a crash the controller refuses the restarted broker until the old registration's session expires
        // (DUPLICATE_BROKER_REGISTRATION): 4 s instead of 9 s.
        server.put("broker.session.timeout.ms", "4000");
        server.put("broker.heartbeat.interval.ms", "1000");
        server.put("message.max.bytes", "16777216");
        StringBuilder text = new StringBuilder();
        server.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        String logback = """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.properties"), text);
            Files.writeString(dir.resolve("logback.xml"), logback);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteData() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ are harmless
        }
    }
}
