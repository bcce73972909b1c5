package io.cobrowsebridge.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A system under test ({@link SutMain}) running in its own JVM, driven over its stdin/stdout. */
final class Sut implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BufferedWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Path log;
    private int port;

    private Sut(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code SutMain kind --k=v...} with the harness's class path; its output goes to {@code log}.
     */
    static Sut start(String kind, String name, List<String> jvmArgs, Map<String, String> settings, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SutMain.class.getName());
        command.add(kind);
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Sut sut = new Sut(name, process, log);
        Thread pump = new Thread(sut::pump, "bench-pump-" + name);
        pump.setDaemon(true);
        pump.start();
        Map<String, String> ready = sut.await("ready", Duration.ofMinutes(3));
        sut.port = Integer.parseInt(ready.get("port"));
        return sut;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** Sends a command and returns the {@code k=v} fields of its reply. */
    Map<String, String> call(String command) throws IOException, InterruptedException {
        commands.write(command);
        commands.newLine();
        commands.flush();
        return await(command, Duration.ofMinutes(2));
    }

    Map<String, Long> stats() throws IOException, InterruptedException {
        Map<String, Long> stats = new LinkedHashMap<>();
        call("stats").forEach((k, v) -> stats.put(k, Long.parseLong(v)));
        return stats;
    }

    /**
     * CPU seconds used so far by the process's native threads, grouped by thread name (digits folded), from
     * /proc (Linux only; empty elsewhere): shows JIT, GC and network threads that a Java profiler does not see.
     */
    Map<String, Double> threadCpu() {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : dirs.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    cpu.merge(name, seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    private Map<String, String> await(String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = replies.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited (" + process.exitValue() + ") waiting for '" + what
                            + "'; see " + log + ":\n" + String.join("\n", tailLines()));
                }
                continue;
            }
            String[] words = line.split(" ");
            if (words[0].equals(what)) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 1; i < words.length; i++) {
                    int eq = words[i].indexOf('=');
                    if (eq > 0) {
                        fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                    }
                }
                return fields;
            }
        }
        throw new IllegalStateException(name + " did not answer '" + what + "' within " + timeout + "; see " + log);
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
                if (line.startsWith("BENCH ")) {
                    replies.add(line.substring(6));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private List<String> tailLines() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                commands.write("quit");
                commands.newLine();
                commands.flush();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
