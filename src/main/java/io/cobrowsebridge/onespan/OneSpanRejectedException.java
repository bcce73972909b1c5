package io.cobrowsebridge.onespan;

/** OneSpan refused the request for good (4xx other than 408/429): retrying the same request cannot help. */
public class OneSpanRejectedException extends RuntimeException {
    private final int status;
    private final String messageKey;

    public OneSpanRejectedException(String operation, int status, String messageKey, String message) {
        super(operation + " rejected by OneSpan: HTTP " + status
                + (messageKey == null ? "" : " " + messageKey) + (message == null ? "" : ": " + message));
        this.status = status;
        this.messageKey = messageKey;
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }
}
