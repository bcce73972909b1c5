package io.cobrowsebridge.onespan;

import java.time.Duration;
import java.util.Optional;

/** OneSpan could not answer now (5xx, 408, 429, timeout, refused connection): the call may succeed later. */
public class OneSpanUnavailableException extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    public OneSpanUnavailableException(String operation, int status, Duration retryAfter) {
        super(operation + " failed: OneSpan answered HTTP " + status);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public OneSpanUnavailableException(String operation, Throwable cause) {
        super(operation + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.status = 0;
        this.retryAfter = null;
    }

    /** HTTP status, or 0 when no answer came at all. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
