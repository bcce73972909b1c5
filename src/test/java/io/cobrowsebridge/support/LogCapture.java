package io.cobrowsebridge.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything the test JVM prints on stdout and stderr (so every log line of every logger) from the moment it is
 * installed, kept in memory for leak checks. The original streams still get everything.
 */
public final class LogCapture {

    private static LogCapture installed;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
    }

    /** Installs the capture once per JVM (before anything logs) and returns it. */
    public static synchronized LogCapture install() {
        if (installed == null) {
            LogCapture capture = new LogCapture();
            System.setOut(capture.tee(System.out));
            System.setErr(capture.tee(System.err));
            installed = capture;
        }
        return installed;
    }

    /** All output so far. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private PrintStream tee(PrintStream original) {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        return new PrintStream(both, true, StandardCharsets.UTF_8);
    }
}
