package io.cobrowsebridge.onespan;

import java.time.Duration;
import java.util.Optional;

/** OneSpan could not answer now (5xx, 408, 429, timeout, refused connection): the call may succeed later. */
public class OneSpanUnavailableException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;
    private final boolean ambiguous;

    public OneSpanUnavailableException(String operation, int status, Duration retryAfter) {
        super(operation + " failed: OneSpan answered HTTP " + status);
        this.status = status;
        this.retryAfter = retryAfter;
        this.ambiguous = status == 504;
    }

    public OneSpanUnavailableException(String operation, Throwable cause) {
        super(operation + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.status = 0;
        this.retryAfter = null;
        this.ambiguous = !neverSent(cause);
    }

    /** Connect failures mean the request never reached OneSpan; anything else may have been processed. */
    private static boolean neverSent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when OneSpan may have acted on the request although no success came back (read timeout, connection
     * lost after sending, 504): a retried create must first give OneSpan time to finish it, then look it up.
     */
    public boolean ambiguous() {
        return ambiguous;
    }

    /** HTTP status, or 0 when no answer came at all. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
