package io.cobrowsebridge.intake;

/** A document URL was allowed but could not be fetched; dead-lettered with reason {@code DOCUMENT_UNAVAILABLE}. */
public class DocumentFetchException extends RuntimeException {
    public DocumentFetchException(String detail) {
        super(detail);
    }
}
