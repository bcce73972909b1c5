package io.cobrowsebridge.callback;

/** A callback names a package OneSpan does not know, or one this service did not create (no policy number). */
public class UnknownPackageException extends RuntimeException {
    public UnknownPackageException(String message) {
        super(message);
    }
}
