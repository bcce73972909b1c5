package io.cobrowsebridge.simulator;

import java.util.Locale;

/**
 * A fault injected into requests outside {@code /simulator/} whose method and path prefix match.
 *
 * @param method            HTTP method, or {@code "*"} for any
 * @param pathPrefix        raw path prefix, e.g. {@code "/api/packages"}
 * @param status            status to answer with (OneSpan error body); 0 = no status fault
 * @param retryAfterSeconds value of the {@code Retry-After} header on a status fault; 0 = no header
 * @param latencyMs         delay added before the request is handled (every hit of a failure rule; for a
 *                          latency-only rule, the hits its failureRate picks)
 * @param hangMs            if &gt; 0, hold the request that long, then close the connection without answering
 * @param failureRate       probability in [0,1] that a hit also gets the hang/status failure (1 = always)
 * @param times             how many matching requests the rule may hit; -1 = unlimited
 */
public record FaultRule(String method, String pathPrefix, int status, int retryAfterSeconds, long latencyMs,
                        long hangMs, double failureRate, int times) {

    public static final int UNLIMITED = -1;

    public FaultRule {
        method = method == null || method.isBlank() ? "*" : method.trim().toUpperCase(Locale.ROOT);
        pathPrefix = pathPrefix == null || pathPrefix.isBlank() ? "/" : pathPrefix;
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 or a valid HTTP status: " + status);
        }
        if (retryAfterSeconds < 0 || latencyMs < 0 || hangMs < 0) {
            throw new IllegalArgumentException("retryAfterSeconds, latencyMs and hangMs must be >= 0");
        }
        if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
            throw new IllegalArgumentException("failureRate must be within [0,1]: " + failureRate);
        }
        if (times < UNLIMITED) {
            throw new IllegalArgumentException("times must be -1 (unlimited) or >= 0: " + times);
        }
    }

    /** Always answers {@code status}, unlimited times. */
    public static FaultRule status(String method, String pathPrefix, int status) {
        return new FaultRule(method, pathPrefix, status, 0, 0, 0, 1.0, UNLIMITED);
    }

    /** Delays every matching request by {@code ms}, then handles it normally. */
    public static FaultRule latency(String method, String pathPrefix, long ms) {
        return new FaultRule(method, pathPrefix, 0, 0, ms, 0, 1.0, UNLIMITED);
    }

    /** Holds every matching request for {@code ms}, then drops the connection (a client-side timeout). */
    public static FaultRule hang(String method, String pathPrefix, long ms) {
        return new FaultRule(method, pathPrefix, 0, 0, 0, ms, 1.0, UNLIMITED);
    }

    public FaultRule withStatus(int newStatus) {
        return new FaultRule(method, pathPrefix, newStatus, retryAfterSeconds, latencyMs, hangMs, failureRate, times);
    }

    public FaultRule withRetryAfter(int seconds) {
        return new FaultRule(method, pathPrefix, status, seconds, latencyMs, hangMs, failureRate, times);
    }

    public FaultRule withLatency(long ms) {
        return new FaultRule(method, pathPrefix, status, retryAfterSeconds, ms, hangMs, failureRate, times);
    }

    public FaultRule withHang(long ms) {
        return new FaultRule(method, pathPrefix, status, retryAfterSeconds, latencyMs, ms, failureRate, times);
    }

    public FaultRule withFailureRate(double rate) {
        return new FaultRule(method, pathPrefix, status, retryAfterSeconds, latencyMs, hangMs, rate, times);
    }

    public FaultRule withTimes(int newTimes) {
        return new FaultRule(method, pathPrefix, status, retryAfterSeconds, latencyMs, hangMs, failureRate, newTimes);
    }

    /** Shorthand for {@code withTimes(1)}. */
    public FaultRule once() {
        return withTimes(1);
    }

    boolean matches(String requestMethod, String path) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && path.startsWith(pathPrefix);
    }
}
