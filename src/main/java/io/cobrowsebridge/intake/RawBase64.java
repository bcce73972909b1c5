package io.cobrowsebridge.intake;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/** Base64 decoding of a JSON string value in place, in the bytes of the document it was parsed from. */
public final class RawBase64 {

    private static final Base64.Decoder DECODER = Base64.getDecoder();

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
        if (quoteAt < 0 || quoteAt >= source.length || source[(int) quoteAt] != '"') {
            return null;
        }
        int start = (int) quoteAt + 1;
        int end = start;
        while (end < source.length && source[end] != '"' && source[end] != '\\') {
            end++;
        }
        if (end >= source.length || source[end] != '"') {
            return null;
        }
        ByteBuffer decoded = DECODER.decode(ByteBuffer.wrap(source, start, end - start));
        return decoded.remaining() == decoded.capacity() ? decoded.array()
                : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
    }
}
