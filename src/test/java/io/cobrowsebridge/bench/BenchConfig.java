package io.cobrowsebridge.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Settings of a benchmark run, from system properties {@code bench.*} (empty = default). Modes: {@code full}
 * (default: N = 5,000, 3 rounds), {@code quick} (N = 500, 1 round, for iterating), {@code scale} (heap after
 * 1,000 and 20,000 events; 5 MB documents).
 */
final class BenchConfig {

    final String mode;
    final int events;
    final long latencyMs;
    final int documentKb;
    final int rounds;
    final int pacedEvents;
    final int warmupEvents;
    final int warmupMaxBatches;
    final double warmupJitShare;
    final int settleEvents;
    final int callbacks;
    final int callbackConcurrency;
    final int callbackWarmup;
    final String sutXmx;
    final String only;
    /** Extra JVM options of the systems under test ({name} = service-1, floor-1, ...), e.g. a JFR recording. */
    final List<String> sutJvmArgs;
    final List<String> serviceArgs;
    final int inflight;
    final int scaleSmall;
    final int scaleLarge;
    final int bigDocumentKb;
    final int bigEvents;
    final int partitions = 6;

    BenchConfig() throws IOException {
        mode = text("bench.mode", "full");
        boolean quick = mode.equals("quick");
        events = number("bench.n", quick ? 500 : 5000);
        latencyMs = number("bench.latency-ms", 50);
        documentKb = number("bench.doc-kb", 100);
        rounds = number("bench.rounds", quick || mode.equals("scale") ? 1 : 3);
        pacedEvents = number("bench.paced-n", quick ? 200 : 1000);
        warmupEvents = number("bench.warmup-n", quick ? 1000 : 3000);
        warmupMaxBatches = number("bench.warmup-max-batches", quick ? 1 : 12);
        warmupJitShare = Double.parseDouble(text("bench.warmup-jit-share", "0.05"));
        settleEvents = number("bench.settle-n", quick ? 0 : 1000);
        callbacks = number("bench.callbacks", quick ? 4000 : 20000);
        callbackConcurrency = number("bench.callback-concurrency", 32);
        callbackWarmup = number("bench.callback-warmup", quick ? 2000 : 4000);
        sutXmx = text("bench.sut-xmx", "1g");
        only = text("bench.only", "both");
        String jvm = text("bench.sut-jvm-args", "");
        sutJvmArgs = jvm.isBlank() ? List.of() : Arrays.asList(jvm.trim().split("[\\s;]+"));
        String extra = text("bench.service-args", "");
        serviceArgs = extra.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(extra.trim().split("[\\s;]+")));
        inflight = serviceArgs.stream().filter(a -> a.startsWith("--bridge.kafka.intake-consumers="))
                .map(a -> Integer.parseInt(a.substring(a.indexOf('=') + 1))).findFirst()
                .orElse(configuredIntakeConsumers());
        scaleSmall = number("bench.scale-small", 1000);
        scaleLarge = number("bench.scale-large", 20000);
        bigDocumentKb = number("bench.big-doc-kb", 5 * 1024);
        bigEvents = number("bench.big-n", 60);
    }

    /** bridge.kafka.intake-consumers of config/application.yml: the floor gets the service's in-flight limit. */
    @SuppressWarnings("unchecked")
    private static int configuredIntakeConsumers() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.yml"))) {
            Map<String, Object> yaml = new Yaml().load(reader);
            Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) yaml.get("bridge")).get("kafka");
            return Integer.parseInt(String.valueOf(kafka.get("intake-consumers")));
        }
    }

    boolean runs(String kind) {
        return only.equals("both") || only.equals(kind);
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.trim();
    }

    private static int number(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }
}
