package io.cobrowsebridge.reliability;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real service, as deployed: {@code java -jar target/cobrowse-bridge-*.jar --name=value ...} in a child JVM with
 * the project root as working directory (it reads ./config and ./routes), output in target/reliability-logs/.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = ChildJvm.PROJECT.resolve("target/cobrowse-bridge-0.1.0-SNAPSHOT.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port = ChildJvm.freePort();
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("The service jar " + JAR + " is missing: run 'mvn verify' (the package "
                    + "phase builds it before the integration tests) or 'mvn package -DskipTests' first.");
        }
        this.name = name;
        this.log = ChildJvm.freshLog(name);
        List<String> args = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString(), "--server.port=" + port));
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        this.process = ChildJvm.launch(args, ChildJvm.PROJECT, log);
    }

    /** Launches the service; call {@link #awaitReady()} before relying on it. */
    static ServiceProcess launch(String name, Map<String, String> settings) {
        return new ServiceProcess(name, settings);
    }

    /**
     * Waits until {@code /actuator/health/liveness} answers 200 (the application and its Camel routes are up).
     * Readiness would also need SMTP, which these scenarios do not run.
     */
    ServiceProcess awaitReady() {
        await(name + " healthy").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + ", see " + log
                                + ":\n" + ChildJvm.tail(log, 40));
                    }
                    return health() == 200;
                });
        return this;
    }

    /** SIGKILL: a crash in the middle of whatever it is doing. */
    void kill() {
        ChildJvm.kill(process);
    }

    /** SIGTERM: a graceful shutdown (Spring and Camel stop their consumers). */
    void stop() {
        ChildJvm.stop(process, Duration.ofSeconds(30));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How many log lines of this instance contain {@code text}. */
    long logCount(String text) {
        return ChildJvm.count(log, text);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        kill();
    }

    private int health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
