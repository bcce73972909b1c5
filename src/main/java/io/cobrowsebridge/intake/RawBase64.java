package io.cobrowsebridge.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/** Base64 decoding of a JSON string value in place, in the bytes of the document it was parsed from. */
public final class RawBase64 {

    private static final Base64.Decoder DECODER = Base64.getDecoder();
    /** Base64 characters decoded at a time by a {@link Slice}: a multiple of 4, so no piece but the last is padded. */
    static final int PIECE = 64 * 1024;

    private RawBase64() {
    }

    /**
     * Decodes, with the JDK's decoder and without copying the text, the JSON string that starts at {@code quoteAt}
     * (the byte offset of its opening quote, as a parser reports it). Base64 needs no escapes, so the string ends at
     * the next quote.
     *
     * @return the decoded bytes, or null when the string cannot be read in place (no quote there, or an escape in it)
     * @throws IllegalArgumentException when the string is not valid base64
     */
    public static byte[] decodeQuoted(byte[] source, long quoteAt) {
        int end = closingQuote(source, quoteAt);
        return end < 0 ? null : decode(source, (int) quoteAt + 1, end);
    }

    /**
     * Like {@link #decodeQuoted}, but a string longer than {@code sliceAbove} characters is only checked (decoded
     * piece by piece, the pieces dropped) and comes back as a {@link Slice} of {@code source}, decoded again when
     * written.
     *
     * @return the content, or null when the string cannot be read in place
     * @throws IllegalArgumentException when the string is not valid base64
     */
    static DocumentContent readQuoted(byte[] source, long quoteAt, int sliceAbove) {
        int end = closingQuote(source, quoteAt);
        if (end < 0) {
            return null;
        }
        int start = (int) quoteAt + 1;
        return end - start > sliceAbove ? new Slice(source, start, end) : DocumentContent.of(decode(source, start, end));
    }

    /** The offset of the quote closing the string opened at {@code quoteAt}, or -1 if none or an escape comes first. */
    private static int closingQuote(byte[] source, long quoteAt) {
        if (quoteAt < 0 || quoteAt >= source.length || source[(int) quoteAt] != '"') {
            return -1;
        }
        int end = (int) quoteAt + 1;
        while (end < source.length && source[end] != '"' && source[end] != '\\') {
            end++;
        }
        return end < source.length && source[end] == '"' ? end : -1;
    }

    private static byte[] decode(byte[] source, int start, int end) {
        ByteBuffer decoded = DECODER.decode(ByteBuffer.wrap(source, start, end - start));
        return decoded.remaining() == decoded.capacity() ? decoded.array()
                : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
    }

    /** Base64 text inside a record, checked once, decoded {@link #PIECE} characters at a time whenever it is read. */
    public static final class Slice extends DocumentContent {
        private final byte[] source;
        private final int start;
        private final int end;
        private final long length;

        /** @throws IllegalArgumentException when the text is not valid base64 */
        Slice(byte[] source, int start, int end) {
            this.source = source;
            this.start = start;
            this.end = end;
            long total = 0;
            for (int at = start; at < end; at += PIECE) {
                total += piece(at).remaining();
            }
            this.length = total;
        }

        /** One piece, decoded; a piece other than the last may not end in padding (the decoder would accept it). */
        private ByteBuffer piece(int at) {
            int pieceEnd = Math.min(end, at + PIECE);
            if (pieceEnd < end && source[pieceEnd - 1] == '=') {
                throw new IllegalArgumentException("padding before the end of the base64 text");
            }
            return DECODER.decode(ByteBuffer.wrap(source, at, pieceEnd - at));
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (int at = start; at < end; at += PIECE) {
                ByteBuffer decoded = piece(at);
                out.write(decoded.array(), decoded.arrayOffset() + decoded.position(), decoded.remaining());
            }
        }

        @Override
        public byte[] toByteArray() {
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(length));
            for (int at = start; at < end; at += PIECE) {
                all.put(piece(at));
            }
            return all.array();
        }
    }
}
