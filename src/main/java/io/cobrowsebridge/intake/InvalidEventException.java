package io.cobrowsebridge.intake;

/** The event cannot become a transaction as it is; it goes to the dead-letter topic with reason {@code INVALID_EVENT}. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String detail) {
        super(detail);
    }
}
