package io.cobrowsebridge.bench;

import ch.qos.logback.classic.Level;
import io.cobrowsebridge.simulator.FaultRule;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The benchmark of issue 7 (BENCHMARKS.md): {@code mvn -B -ntp -q -Pbench spring-boot:test-run}.
 * <p>
 * This JVM is the harness: a real embedded KRaft broker (every topic on 6 partitions), the OneSpan simulator with a
 * latency of L ms on every API call, the event publisher, the CRM watcher and the callback load. The system under
 * test runs in a child JVM ({@link SutMain}), one at a time: the service, then the hand-written floor, so that
 * process CPU time and heap are the system's own. Each round measures, for both:
 * <ol>
 *   <li>a burst: N events with a 100 KB PDF published at once; throughput from the first publish to the last
 *       TRANSACTION_CREATED, CPU per event, heap;</li>
 *   <li>a paced run at half the service's burst rate: end-to-end latency p50/p95/p99;</li>
 *   <li>callbacks: 20,000 POSTs at concurrency 32, requests/s and p99.</li>
 * </ol>
 * The last line printed is {@code RESULT k=v ...} (medians over the rounds).
 */
public final class Benchmark {

    static final String API_KEY = "bench-api-key";
    static final String CALLBACK_KEY = "bench-callback-key";
    static final String LAUNCH_SECRET = "bench-launch-secret-0123456789";
    static final String POLICY_TOPIC = "policy.new";
    static final String CRM_TOPIC = "crm.signing-events";
    static final String DLQ_TOPIC = "policy.new.dlq";
    static final String CALLBACK_TOPIC = "onespan.callbacks";
    static final String[] TOPICS = {POLICY_TOPIC, DLQ_TOPIC, CRM_TOPIC, CALLBACK_TOPIC, "onespan.callbacks.dlq",
        "cobrowse-bridge.agent-emails"};
    /** The service's callback-dispatch consumer group. */
    static final String DISPATCH_GROUP = "cobrowse-bridge-callbacks";
    /** Consumer groups moved to the end of their topic before a system starts: each run sees only its own records. */
    static final Map<String, String> GROUPS = Map.of(
            "cobrowse-bridge-intake", POLICY_TOPIC,
            DISPATCH_GROUP, CALLBACK_TOPIC,
            "bench-floor-intake", POLICY_TOPIC);

    private final BenchConfig config;
    private final String brokers;
    private final OneSpanSimulator simulator;
    private final Path outDir;
    private final PrintStream report;
    private final IntakeRun intake;
    private final List<Map<String, Double>> rounds = new ArrayList<>();

    private Benchmark(BenchConfig config, String brokers, OneSpanSimulator simulator, Path outDir) throws IOException {
        this.config = config;
        this.brokers = brokers;
        this.simulator = simulator;
        this.outDir = outDir;
        this.report = new PrintStream(Files.newOutputStream(outDir.resolve("report.txt")), true, StandardCharsets.UTF_8);
        this.intake = new IntakeRun(brokers, POLICY_TOPIC, CRM_TOPIC, DLQ_TOPIC);
    }

    public static void main(String[] args) throws Exception {
        quietLogs(Level.ERROR);
        BenchConfig config = new BenchConfig();
        Path outDir = Path.of("target", "bench", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(outDir);

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, config.partitions, TOPICS);
        broker.brokerProperty("message.max.bytes", "16777216");
        broker.brokerProperty("replica.fetch.max.bytes", "16777216");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // a full run writes tens of GB of events: keep at most ~1 GB per partition on disk (nobody reads old records)
        broker.brokerProperty("log.segment.bytes", "268435456");
        broker.brokerProperty("log.retention.bytes", "805306368");
        broker.brokerProperty("log.retention.check.interval.ms", "30000");
        broker.afterPropertiesSet();
        OneSpanSimulator simulator = OneSpanSimulator.start(0, API_KEY);
        String result;
        try {
            Benchmark bench = new Benchmark(config, broker.getBrokersAsString(), simulator, outDir);
            bench.header();
            result = config.mode.equals("scale") ? bench.scale() : bench.compare();
            bench.report.close();
        } finally {
            quietLogs(Level.OFF);
            simulator.close();
            broker.destroy();
        }
        Files.writeString(outDir.resolve("result.txt"), result + System.lineSeparator());
        System.out.println("[bench] details: " + outDir.toAbsolutePath());
        System.out.println(result);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    // ------------------------------------------------------------------------------------------------ comparison

    private String compare() throws Exception {
        BenchEvents events = new BenchEvents(config.documentKb * 1024);
        for (int round = 1; round <= config.rounds; round++) {
            Map<String, Double> r = new LinkedHashMap<>();
            rounds.add(r);
            Double pacedRate = null;
            for (String kind : List.of("service", "floor")) {
                if (!config.runs(kind)) {
                    continue;
                }
                String tag = kind.equals("service") ? "" : "floor_";
                try (Sut sut = start(kind, round)) {
                    warmUp(sut, events, kind + round);
                    IntakeRun.Result burst = burst(sut, events, kind, round, config.events, tag, r);
                    if (pacedRate == null) {
                        pacedRate = burst.eventsPerSecond() / 2;
                    }
                    IntakeRun.Result paced = paced(events, kind, round, pacedRate, tag, r, config.pacedEvents);
                    callbacks(sut, kind, round, new ArrayList<>(paced.packageIds().values()), tag, r);
                }
            }
        }
        return summary();
    }

    private Sut start(String kind, int round) throws Exception {
        moveGroupsToEnd();
        resetSimulator();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.component.kafka.brokers", brokers);
        settings.put("onespan.base-url", simulator.baseUrl());
        settings.put("onespan.api-key", API_KEY);
        settings.put("bridge.launch.secret", LAUNCH_SECRET);
        settings.put("bridge.callback.keys", CALLBACK_KEY);
        if (kind.equals("service")) {
            settings.put("server.port", "0");
            settings.put("bridge.mail.host", "127.0.0.1");
            settings.put("bridge.mail.port", "2");
            for (String arg : config.serviceArgs) {
                int eq = arg.indexOf('=');
                settings.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        } else {
            settings.put("floor.inflight", Integer.toString(config.inflight));
            settings.put("floor.group-id", "bench-floor-intake");
        }
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + config.sutXmx, "-XX:+ExitOnOutOfMemoryError",
                "-Dsun.net.httpserver.nodelay=true", "-Dfile.encoding=UTF-8"));
        config.sutJvmArgs.forEach(a -> jvm.add(a.replace("{name}", kind + "-" + round)
                .replace("{dir}", outDir.toAbsolutePath().toString())));
        long t0 = System.nanoTime();
        Sut sut = Sut.start(kind, kind + "-" + round, jvm, settings, outDir.resolve(kind + "-round" + round + ".log"));
        say("round %d %s: started in %.1f s (port %d, in-flight limit %d)", round, kind,
                (System.nanoTime() - t0) / 1e9, sut.port(), config.inflight);
        return sut;
    }

    /**
     * JIT warm-up, not measured: batches of events and callbacks with OneSpan answering at once (no latency), so the
     * hot code is compiled in seconds; at 50 ms per call the same code would take minutes to reach the optimising
     * compiler. Batches continue until the JIT compiler threads take at most {@code bench.warmup-jit-share} of the
     * system's CPU in a batch (or {@code bench.warmup-max-batches} is reached): a system with more code needs more
     * calls before it reaches its steady state, and the comparison is between steady states. The same rule applies
     * to the service and the floor; the JIT CPU left in the burst is counted in the burst's CPU and reported.
     */
    private void warmUp(Sut sut, BenchEvents events, String prefix) throws Exception {
        warmUp(sut, events, prefix, config.warmupMaxBatches);
    }

    private void warmUp(Sut sut, BenchEvents events, String prefix, int maxBatches) throws Exception {
        long t0 = System.nanoTime();
        int batches = 0;
        int total = 0;
        double jitShare;
        do {
            simulator.reset();
            Map<String, Double> before = sut.threadCpu();
            List<String> keys = BenchEvents.policyNumbers("W" + prefix + "-" + batches + "-" + System.nanoTime(),
                    config.warmupEvents, config.partitions);
            IntakeRun.Result warm = intake.run(events, keys, 0, timeout(keys.size()));
            new CallbackLoad(sut.port(), CALLBACK_KEY, new ArrayList<>(warm.packageIds().values()))
                    .run(config.callbackWarmup, config.callbackConcurrency);
            long dispatchStart = System.nanoTime();
            if (prefix.startsWith("service")) {
                awaitCallbacksDispatched();
            }
            double dispatchWait = (System.nanoTime() - dispatchStart) / 1e9;
            Map<String, Double> after = sut.threadCpu();
            double all = cpuSeconds(after, "") - cpuSeconds(before, "");
            jitShare = all <= 0 ? 0 : (cpuSeconds(after, COMPILER) - cpuSeconds(before, COMPILER)) / all;
            batches++;
            total += keys.size();
            say("  warm-up batch %d (OneSpan without latency): %d events at %.0f ev/s, %d callbacks (routed %.1f s later);"
                            + " JIT %.0f%% of CPU", batches, keys.size(), warm.eventsPerSecond(), config.callbackWarmup,
                    dispatchWait, jitShare * 100);
        } while (batches < maxBatches && jitShare > config.warmupJitShare);
        // then a short run at the benchmark's latency: code whose profile depends on waiting (connection pools,
        // timers, idle polls) is compiled for the conditions of the burst before the burst starts
        resetSimulator();
        List<String> settle = BenchEvents.policyNumbers("S" + prefix + "-" + System.nanoTime(), config.settleEvents,
                config.partitions);
        if (!settle.isEmpty()) {
            intake.run(events, settle, 0, timeout(settle.size()));
            resetSimulator();
        }
        say("  warm-up: %d events in %d batch(es), then %d at L = %d ms, %.0f s", total, batches, settle.size(),
                config.latencyMs, (System.nanoTime() - t0) / 1e9);
    }

    /** Thread name of HotSpot's JIT compiler threads (C1 and C2), digits as N, cut to 15 characters. */
    private static final String COMPILER = "CompilerThre";

    private static double cpuSeconds(Map<String, Double> threads, String nameContains) {
        return threads.entrySet().stream().filter(e -> e.getKey().contains(nameContains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private IntakeRun.Result burst(Sut sut, BenchEvents events, String kind, int round, int n, String tag,
                                   Map<String, Double> r) throws Exception {
        List<String> keys = BenchEvents.policyNumbers("B" + round + "-" + System.nanoTime(), n, config.partitions);
        sut.call("reset");
        Map<String, Long> before = sut.stats();
        Map<String, Double> threadsBefore = sut.threadCpu();
        IntakeRun.Result burst = intake.run(events, keys, 0, timeout(n));
        Map<String, Long> after = sut.stats();
        Map<String, Double> threadsAfter = sut.threadCpu();
        threadCpu(kind + " burst", threadsBefore, threadsAfter, n);
        r.put(tag + "jit_ms_per_event",
                (cpuSeconds(threadsAfter, COMPILER) - cpuSeconds(threadsBefore, COMPILER)) * 1000 / n);
        int transactions = simulator.packageCount();
        long live = Long.parseLong(sut.call("gc").get("live"));
        double cpuMs = (after.get("cpu_ns") - before.get("cpu_ns")) / 1e6 / n;
        r.put(tag + "events_per_s", burst.eventsPerSecond());
        r.put(tag + "cpu_ms_per_event", cpuMs);
        r.put(tag + "heap_mb", mb(after.get("heap_peak")));
        r.put(tag + "live_peak_mb", mb(after.get("live_peak")));
        r.put(tag + "live_after_mb", mb(live));
        r.put(tag + "burst_p50_ms", (double) burst.percentile(50));
        r.put(tag + "burst_p99_ms", (double) burst.percentile(99));
        r.put(tag + "gc_ms_per_event", (double) (after.get("gc_ms") - before.get("gc_ms")) / n);
        say("round %d %s burst: %d events in %.1f s = %.2f ev/s | cpu %.2f ms/event (JIT %.2f) | heap peak %.0f MB, after-GC peak %.0f MB,"
                        + " live after %.0f MB | gc %.2f ms/event | transactions %d, dead letters %d, repeated CRM %d"
                        + " | latency incl. queueing p50 %d p99 %d ms",
                round, kind, n, burst.seconds(), burst.eventsPerSecond(), cpuMs, r.get(tag + "jit_ms_per_event"),
                mb(after.get("heap_peak")),
                mb(after.get("live_peak")), mb(live), r.get(tag + "gc_ms_per_event"), transactions,
                burst.deadLetters(), burst.repeatedCrmEvents(), burst.percentile(50), burst.percentile(99));
        check(transactions == n, kind + ": " + transactions + " OneSpan transactions for " + n + " events");
        check(burst.deadLetters() == 0, kind + ": dead letters in the burst");
        resetSimulator();
        return burst;
    }

    private IntakeRun.Result paced(BenchEvents events, String kind, int round, double rate, String tag,
                                   Map<String, Double> r, int n) throws Exception {
        List<String> keys = BenchEvents.policyNumbers("P" + round + "-" + System.nanoTime(), n, config.partitions);
        IntakeRun.Result paced = intake.run(events, keys, rate, timeout(keys.size()).plusSeconds((long) (keys.size() / rate)));
        r.put(tag + "paced_rate", rate);
        r.put(tag + "p50_ms", (double) paced.percentile(50));
        r.put(tag + "p95_ms", (double) paced.percentile(95));
        r.put(tag + "p99_ms", (double) paced.percentile(99));
        r.put(tag + "max_ms", (double) paced.percentile(100));
        say("round %d %s paced at %.2f ev/s (%d events): latency p50 %d, p95 %d, p99 %d, max %d ms",
                round, kind, rate, keys.size(), paced.percentile(50), paced.percentile(95), paced.percentile(99),
                paced.percentile(100));
        check(paced.deadLetters() == 0, kind + ": dead letters in the paced run");
        return paced;
    }

    private void callbacks(Sut sut, String kind, int round, List<String> packageIds, String tag, Map<String, Double> r)
            throws Exception {
        CallbackLoad load = new CallbackLoad(sut.port(), CALLBACK_KEY, packageIds);
        load.run(config.callbackWarmup, config.callbackConcurrency);
        Map<String, Long> before = sut.stats();
        Map<String, Double> threadsBefore = sut.threadCpu();
        CallbackLoad.Result result = load.run(config.callbacks, config.callbackConcurrency);
        Map<String, Long> after = sut.stats();
        threadCpu(kind + " callbacks", threadsBefore, sut.threadCpu(), config.callbacks);
        double cpuMs = (after.get("cpu_ns") - before.get("cpu_ns")) / 1e6 / config.callbacks;
        r.put(tag + "callbacks_per_s", result.requestsPerSecond());
        r.put(tag + "callback_p50_ms", result.percentileMs(50));
        r.put(tag + "callback_p99_ms", result.percentileMs(99));
        r.put(tag + "callback_cpu_ms", cpuMs);
        say("round %d %s callbacks: %d at concurrency %d in %.1f s = %.0f req/s | p50 %.1f, p99 %.1f ms | cpu %.3f ms/request"
                        + " | failures %d", round, kind, config.callbacks, config.callbackConcurrency, result.seconds(),
                result.requestsPerSecond(), result.percentileMs(50), result.percentileMs(99), cpuMs, result.failures());
        check(result.failures() == 0, kind + ": callback requests failed");
    }

    private String summary() {
        Function<String, Double> med = key -> Stats.median(rounds.stream().filter(r -> r.containsKey(key))
                .map(r -> r.get(key)).toList());
        double l = config.latencyMs / 1000.0;
        double bound2 = config.inflight / (2 * l);
        double eps = med.apply("events_per_s");
        double floorEps = med.apply("floor_events_per_s");
        double cpu = med.apply("cpu_ms_per_event");
        double floorCpu = med.apply("floor_cpu_ms_per_event");
        double cbs = med.apply("callbacks_per_s");
        double floorCbs = med.apply("floor_callbacks_per_s");
        double p99 = med.apply("p99_ms");
        say("");
        say("summary: medians of %d round(s); N=%d, L=%d ms, document %d KB, in-flight limit %d", rounds.size(),
                config.events, config.latencyMs, config.documentKb, config.inflight);
        for (String key : rounds.get(0).keySet()) {
            List<Double> values = rounds.stream().filter(r -> r.containsKey(key)).map(r -> r.get(key)).toList();
            say("  %-28s median %10.2f   runs %s", key, med.apply(key), values.stream()
                    .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
        }
        say("  concurrency bound in-flight/(2L) = %.1f ev/s: each event waits for 2 OneSpan calls (lookup, create)",
                bound2);
        say("targets:");
        target("throughput >= 0.8 x floor", eps / floorEps, 0.8, true);
        target("throughput >= 0.8 x bound in-flight/(2L)", eps / bound2, 0.8, true);
        target("CPU per event <= 1.5 x floor", cpu / floorCpu, 1.5, false);
        target("callbacks/s >= 0.7 x floor", cbs / floorCbs, 0.7, true);
        target("p99 at half peak rate <= 4 x (2L) ms", p99 / (8.0 * config.latencyMs), 1.0, false);
        return String.format(Locale.ROOT, "RESULT events_per_s=%.2f floor_events_per_s=%.2f bound_events_per_s=%.2f"
                        + " cpu_ms_per_event=%.2f floor_cpu_ms_per_event=%.2f p99_ms=%.0f callbacks_per_s=%.0f"
                        + " floor_callbacks_per_s=%.0f heap_mb=%.0f jit_ms_per_event=%.2f floor_jit_ms_per_event=%.2f p50_ms=%.0f p95_ms=%.0f"
                        + " floor_p99_ms=%.0f callback_p99_ms=%.1f floor_callback_p99_ms=%.1f floor_heap_mb=%.0f"
                        + " live_peak_mb=%.0f floor_live_peak_mb=%.0f inflight=%d latency_ms=%d n=%d rounds=%d",
                eps, floorEps, bound2, cpu, floorCpu, p99, cbs, floorCbs, med.apply("heap_mb"), med.apply("jit_ms_per_event"), med.apply("floor_jit_ms_per_event"),
                med.apply("p50_ms"), med.apply("p95_ms"), med.apply("floor_p99_ms"), med.apply("callback_p99_ms"),
                med.apply("floor_callback_p99_ms"), med.apply("floor_heap_mb"), med.apply("live_peak_mb"),
                med.apply("floor_live_peak_mb"), config.inflight, config.latencyMs, config.events, rounds.size());
    }

    private void target(String what, double ratio, double limit, boolean atLeast) {
        boolean met = atLeast ? ratio >= limit : ratio <= limit;
        say("  %-44s ratio %.2f  %s", what, ratio, Double.isNaN(ratio) ? "n/a" : met ? "met" : "NOT met");
    }

    // ------------------------------------------------------------------------------------------------ scale

    private String scale() throws Exception {
        Map<String, Double> r = new LinkedHashMap<>();
        rounds.add(r);
        BenchEvents small = new BenchEvents(config.documentKb * 1024);
        try (Sut sut = start("service", 1)) {
            warmUp(sut, small, "service-scale", 1); // heap, not CPU: one batch is enough
            r.put("live_after_warmup_mb", mb(Long.parseLong(sut.call("gc").get("live"))));
            burst(sut, small, "service", 1, config.scaleSmall, "n1_", r);
            burst(sut, small, "service", 1, config.scaleLarge - config.scaleSmall, "n2_", r);
            say("service heap after warm-up %.0f MB, after %d events %.0f MB, after %d events %.0f MB",
                    r.get("live_after_warmup_mb"), config.scaleSmall, r.get("n1_live_after_mb"), config.scaleLarge,
                    r.get("n2_live_after_mb"));
        }
        BenchEvents big = new BenchEvents(config.bigDocumentKb * 1024);
        for (String kind : List.of("service", "floor")) {
            if (!config.runs(kind)) {
                continue;
            }
            String tag = kind.equals("service") ? "big_" : "floor_big_";
            try (Sut sut = start(kind, 2)) {
                warmUp(sut, small, kind + "-big", 1);
                long idle = Long.parseLong(sut.call("gc").get("live"));
                IntakeRun.Result burst = burst(sut, big, kind, 2, config.bigEvents, tag, r);
                double perEvent = (r.get(tag + "live_peak_mb") - mb(idle)) / config.inflight;
                r.put(tag + "idle_mb", mb(idle));
                r.put(tag + "heap_per_inflight_mb", perEvent);
                paced(big, kind, 2, burst.eventsPerSecond() / 2, tag, r, config.bigEvents);
                say("%s with %d KB documents: live heap idle %.0f MB, after-GC peak %.0f MB -> %.1f MB per in-flight event"
                                + " = %.2f x the document", kind, config.bigDocumentKb, mb(idle), r.get(tag + "live_peak_mb"),
                        perEvent, perEvent / (config.bigDocumentKb / 1024.0));
            }
        }
        double doc = config.bigDocumentKb / 1024.0;
        return String.format(Locale.ROOT, "RESULT mode=scale heap_after_warmup_mb=%.0f heap_after_%d_mb=%.0f"
                        + " heap_after_%d_mb=%.0f big_doc_mb=%.1f big_events_per_s=%.2f big_p99_ms=%.0f big_heap_mb=%.0f"
                        + " big_heap_per_inflight_mb=%.1f big_heap_per_inflight_x_doc=%.2f floor_big_p99_ms=%.0f"
                        + " floor_big_heap_per_inflight_mb=%.1f inflight=%d latency_ms=%d",
                r.get("live_after_warmup_mb"), config.scaleSmall, r.get("n1_live_after_mb"), config.scaleLarge,
                r.get("n2_live_after_mb"), doc, r.getOrDefault("big_events_per_s", Double.NaN),
                r.getOrDefault("big_p99_ms", Double.NaN), r.getOrDefault("big_heap_mb", Double.NaN),
                r.getOrDefault("big_heap_per_inflight_mb", Double.NaN),
                r.getOrDefault("big_heap_per_inflight_mb", Double.NaN) / doc,
                r.getOrDefault("floor_big_p99_ms", Double.NaN), r.getOrDefault("floor_big_heap_per_inflight_mb", Double.NaN),
                config.inflight, config.latencyMs);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void header() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(s -> s.startsWith("model name"))
                    .findFirst().map(s -> s.substring(s.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        say("cobrowse-bridge benchmark, mode %s: %d cores (%s), %.0f GiB RAM, Java %s", config.mode,
                Runtime.getRuntime().availableProcessors(), cpu, os.getTotalMemorySize() / 1073741824.0,
                System.getProperty("java.version"));
        say("N=%d events with a %d KB PDF, L=%d ms per OneSpan call, %d partitions, in-flight limit %d"
                        + " (bridge.kafka.intake-consumers), rounds %d, paced %d events, callbacks %d at concurrency %d,"
                        + " system-under-test heap -Xmx%s%s",
                config.events, config.documentKb, config.latencyMs, config.partitions, config.inflight, config.rounds,
                config.pacedEvents, config.callbacks, config.callbackConcurrency, config.sutXmx,
                config.serviceArgs.isEmpty() ? "" : ", service arguments " + config.serviceArgs);
    }

    /** Into the report only: CPU ms per event (or request) by thread group of the system under test. */
    private void threadCpu(String what, Map<String, Double> before, Map<String, Double> after, int count) {
        StringBuilder line = new StringBuilder(what + " CPU ms per item by thread:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) * 1000 / count))
                .filter(e -> e.getValue() >= 0.01)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> line.append(String.format(Locale.ROOT, " [%s] %.2f", e.getKey(), e.getValue())));
        report.println(line);
    }

    private void resetSimulator() {
        simulator.reset();
        simulator.addFault(FaultRule.latency("*", "/api", config.latencyMs));
    }

    /**
     * Waits until the service's callback-dispatch route has routed every callback stored so far (its consumer group
     * has no lag on {@code onespan.callbacks}). Each warm-up batch ends with this: otherwise the routing of the
     * warm-up's callbacks (tens of thousands, a package lookup and a CRM event each) would still be running through
     * the measured burst, on the service's side only. The floor stores callbacks and routes none.
     */
    private void awaitCallbacksDispatched() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Admin admin = admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(DISPATCH_GROUP).partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, CALLBACK_TOPIC).entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    lag += end.getValue() - (done == null ? 0 : done.offset());
                }
                if (lag == 0) {
                    return;
                }
                check(System.nanoTime() < deadline, lag + " callbacks still not routed after 10 minutes");
                Thread.sleep(250);
            }
        }
    }

    private void moveGroupsToEnd() throws Exception {
        try (Admin admin = admin()) {
            for (Map.Entry<String, String> group : GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
                endOffsets(admin, group.getValue()).forEach((tp, offset) -> ends.put(tp, new OffsetAndMetadata(offset)));
                admin.alterConsumerGroupOffsets(group.getKey(), ends).all().get();
            }
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return Admin.create(p);
    }

    /** The end offset of each partition of {@code topic}. */
    private Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int i = 0; i < config.partitions; i++) {
            request.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private Duration timeout(int events) {
        return Duration.ofSeconds(120 + events / 4);
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException("benchmark invalid: " + problem);
        }
    }

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[bench] " + line);
        report.println(line);
    }

    private static void quietLogs(Level level) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
