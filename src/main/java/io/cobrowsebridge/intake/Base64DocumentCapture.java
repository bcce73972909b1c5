package io.cobrowsebridge.intake;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parser over a new-policy event that decodes each {@code documents[i].contentBase64} straight from the record
 * bytes (with the JDK's decoder) while the tree is read, and shows the tree a one-character stand-in instead of the
 * base64 text. The base64 is most of an event's bytes: this saves building it as a String, copying it back to bytes
 * and decoding that.
 *
 * <p>The stand-in keeps the JSON Schema's view of the field (a non-empty string); an empty value stays empty, so the
 * schema still reports it. A value Jackson's decoder refuses ends the read with an exception: the caller then parses
 * the event the plain way, so errors read exactly as before.
 */
final class Base64DocumentCapture extends JsonParserDelegate {

    /** Standard alphabet; padding optional, as with {@link java.util.Base64#getDecoder()}. */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
    private static final String STAND_IN = "-";

    private final byte[] source;
    private final int sliceAbove;
    private final Map<Integer, DocumentContent> contents = new HashMap<>();
    /** What the tree sees for the current token, when it is a captured document; else null. */
    private String standIn;

    /**
     * @param parser a parser over {@code source}, from its first byte
     * @param source the record bytes
     * @param sliceAbove base64 longer than this many characters is kept in the record and decoded when uploaded
     *                   ({@link RawBase64#readQuoted})
     */
    Base64DocumentCapture(JsonParser parser, byte[] source, int sliceAbove) {
        super(parser);
        this.source = source;
        this.sliceAbove = sliceAbove;
    }

    /** Content by document index. */
    Map<Integer, DocumentContent> contents() {
        return contents;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        standIn = null;
        JsonToken token = delegate.nextToken();
        if (token == JsonToken.VALUE_STRING && "contentBase64".equals(delegate.currentName())) {
            int index = documentIndex(delegate.getParsingContext());
            if (index >= 0) {
                DocumentContent content = decode();
                contents.put(index, content);
                standIn = content.length() == 0 ? "" : STAND_IN;
            }
        }
        return token;
    }

    // Jackson's tree reader also steps with these; each goes through nextToken() so no value escapes the capture.

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? delegate.currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(delegate.currentName());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    /**
     * The JDK's decoder over the value's bytes in the record ({@link RawBase64}; a long value is checked now and
     * decoded when uploaded); the parser skips the value on its next step. A value with escapes goes through
     * Jackson's own base64 decoding.
     */
    private DocumentContent decode() throws IOException {
        try {
            DocumentContent content = RawBase64.readQuoted(source, delegate.currentTokenLocation().getByteOffset(),
                    sliceAbove);
            return content != null ? content : DocumentContent.of(delegate.getBinaryValue(BASE64));
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(delegate, "contentBase64 is not valid base64");
        }
    }

    /** The index in the top-level {@code documents} array of the object holding this value, or -1. */
    private static int documentIndex(JsonStreamContext document) {
        JsonStreamContext array = document.getParent();
        JsonStreamContext event = array == null ? null : array.getParent();
        if (array == null || !array.inArray() || event == null || !event.inObject()
                || !"documents".equals(event.getCurrentName()) || event.getParent() == null
                || !event.getParent().inRoot()) {
            return -1;
        }
        return array.getCurrentIndex();
    }

    @Override
    public String getText() throws IOException {
        return standIn != null ? standIn : delegate.getText();
    }

    @Override
    public String getValueAsString() throws IOException {
        return standIn != null ? standIn : delegate.getValueAsString();
    }

    @Override
    public String getValueAsString(String defaultValue) throws IOException {
        return standIn != null ? standIn : delegate.getValueAsString(defaultValue);
    }

    @Override
    public char[] getTextCharacters() throws IOException {
        return standIn != null ? standIn.toCharArray() : delegate.getTextCharacters();
    }

    @Override
    public int getTextLength() throws IOException {
        return standIn != null ? standIn.length() : delegate.getTextLength();
    }

    @Override
    public int getTextOffset() throws IOException {
        return standIn != null ? 0 : delegate.getTextOffset();
    }

    @Override
    public boolean hasTextCharacters() {
        return standIn == null && delegate.hasTextCharacters();
    }
}
