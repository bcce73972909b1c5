package io.cobrowsebridge.callback;

/** A callback request refused before anything is stored; the HTTP status says why. */
public class CallbackRejectedException extends RuntimeException {
    private final int status;

    public CallbackRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
