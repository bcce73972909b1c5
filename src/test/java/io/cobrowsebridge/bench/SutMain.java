package io.cobrowsebridge.bench;

import ch.qos.logback.classic.Level;
import io.cobrowsebridge.Application;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The JVM under test, started by {@link Benchmark} as a child process so that its CPU time and heap are its own
 * (the broker, the OneSpan simulator and the load generators stay in the harness JVM).
 * <p>
 * {@code SutMain service --k=v ...}: the real application ({@link Application}, config/application.yml, routes/),
 * with the {@code --k=v} settings on top (command-line arguments, as an operator would give them).
 * {@code SutMain floor --k=v ...}: the hand-written floor ({@link FloorIntake}, {@link FloorCallbackServer}).
 * <p>
 * Talks to the harness over stdin/stdout: it prints {@code BENCH ready port=..}, then answers each command line
 * ({@code stats}, {@code reset}, {@code gc}, {@code quit}) with one {@code BENCH <command> k=v ...} line.
 */
public final class SutMain {

    private SutMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String[] settings = Arrays.copyOfRange(args, 1, args.length);
        HeapMonitor heap = HeapMonitor.start();
        AutoCloseable running;
        int port;
        if ("service".equals(kind)) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).run(settings);
            port = ((WebServerApplicationContext) context).getWebServer().getPort();
            running = context;
        } else if ("floor".equals(kind)) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
            Map<String, String> config = parse(settings);
            FloorIntake intake = FloorIntake.start(config);
            FloorCallbackServer callbacks = FloorCallbackServer.start(config);
            port = callbacks.port();
            running = () -> {
                callbacks.close();
                intake.close();
            };
        } else {
            throw new IllegalArgumentException("service or floor, not " + kind);
        }
        reply("ready port=" + port);

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            switch (command.trim()) {
                case "stats" -> reply("stats cpu_ns=" + os.getProcessCpuTime() + " heap_peak=" + heap.peak()
                        + " live_peak=" + heap.livePeak() + " heap_used=" + heap.used()
                        + " gc_count=" + heap.gcCount() + " gc_ms=" + heap.gcMillis());
                case "reset" -> {
                    heap.reset();
                    reply("reset");
                }
                case "gc" -> reply("gc live=" + heap.liveAfterFullGc());
                case "quit" -> {
                    reply("quit");
                    running.close();
                    System.exit(0);
                }
                default -> reply("unknown command=" + command.trim());
            }
        }
        running.close();
        System.exit(0);
    }

    static Map<String, String> parse(String[] settings) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            config.put(setting.substring(2, eq), setting.substring(eq + 1));
        }
        return config;
    }

    private static void reply(String line) {
        synchronized (System.out) {
            System.out.println("BENCH " + line);
            System.out.flush();
        }
    }
}
