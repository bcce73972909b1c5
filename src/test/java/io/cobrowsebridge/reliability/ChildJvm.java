package io.cobrowsebridge.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Plumbing shared by the child processes of the reliability tests: where things live, free ports, launching a JVM
 * with its output in a log file, and a shutdown hook that kills every child still alive when the test JVM exits
 * (a failed test, an exception in a set-up, a forgotten close).
 */
final class ChildJvm {

    /** The project root: the service reads ./config and ./routes from there. */
    static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    static final Path LOGS = PROJECT.resolve("target/reliability-logs");
    static final Path WORK = PROJECT.resolve("target/reliability-work");

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> LIVE.forEach(Process::destroyForcibly), "reliability-child-reaper"));
    }

    private ChildJvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A free loopback port for a child server, below the kernel's ephemeral range (32768+ on Linux), so that no
     * outgoing connection takes it between now and the child's bind. This matters most for a port kept across a
     * restart: while the server is down its clients keep reconnecting, and an ephemeral source port equal to the
     * target port would make a TCP self-connect that holds the port.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20000 + ThreadLocalRandom.current().nextInt(12000);
            if (!HANDED_OUT.add(candidate)) {
                continue; // given to another child of this run already
            }
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another one
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** The log file of a child, emptied so that it holds this run only. */
    static Path freshLog(String name) {
        Path log = LOGS.resolve(name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }

    /** Starts {@code java <args>} in {@code workDir}, stdout and stderr appended to {@code log}. */
    static Process launch(List<String> args, Path workDir, Path log) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "### " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
            LIVE.add(process);
            process.onExit().thenRun(() -> LIVE.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** SIGKILL: a crash, nothing runs on the way out. Returns once the process is gone. */
    static void kill(Process process) {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(15));
        }
    }

    /** SIGTERM, then SIGKILL if it is still alive after {@code grace}. */
    static void stop(Process process, Duration grace) {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, grace)) {
                kill(process);
            }
        }
    }

    static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Lines of the log containing {@code text}. */
    static long count(Path log, String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            return 0;
        } catch (UncheckedIOException e) {
            return 0; // a line of undecodable bytes: ignore the log rather than fail the count
        }
    }
}
