package io.cobrowsebridge.intake;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes of a document, ready to upload: either in hand, or still base64 inside the record they came in
 * ({@link RawBase64.Slice}), already checked, and decoded piece by piece only while they are written to OneSpan. The
 * second form keeps a large document in memory once (as the record, which the dead-letter path needs anyway) instead
 * of twice.
 */
public abstract sealed class DocumentContent permits DocumentContent.InHand, RawBase64.Slice {

    /** Bytes in hand; the array is used as it is, not copied. */
    public static DocumentContent of(byte[] bytes) {
        return new InHand(bytes);
    }

    /** The number of bytes. */
    public abstract long length();

    /** Writes the bytes; may be called again (a retried upload). */
    public abstract void writeTo(OutputStream out) throws IOException;

    /** The bytes as one array: the array itself when in hand, else decoded anew. */
    public abstract byte[] toByteArray();

    @Override
    public String toString() {
        return length() + " bytes"; // never the content
    }

    static final class InHand extends DocumentContent {
        private final byte[] bytes;

        private InHand(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public byte[] toByteArray() {
            return bytes;
        }
    }
}
