package io.cobrowsebridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64DocumentCaptureTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode read(String json, Base64DocumentCapture[] capture) throws IOException {
        return read(json, capture, Integer.MAX_VALUE);
    }

    private JsonNode read(String json, Base64DocumentCapture[] capture, int sliceAbove) throws IOException {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        try (Base64DocumentCapture parser = new Base64DocumentCapture(mapper.createParser(raw), raw, sliceAbove)) {
            capture[0] = parser;
            return mapper.readTree(parser);
        }
    }

    @Test
    void decodesEachDocumentsContentAndShowsTheTreeAStandIn() throws IOException {
        byte[] first = "%PDF-1.7 first".getBytes(StandardCharsets.US_ASCII);
        byte[] second = new byte[] {0, 1, 2, (byte) 255, 10};
        String json = """
                {"eventId":"e1","policy":{"policyNumber":"P-1","contentBase64":"bm90IGEgZG9jdW1lbnQ="},
                 "documents":[{"name":"a","contentBase64":"%s","extra":{"contentBase64":"eA=="}},
                              {"contentBase64":"%s","name":"b"}]}
                """.formatted(Base64.getEncoder().encodeToString(first),
                Base64.getEncoder().withoutPadding().encodeToString(second));
        Base64DocumentCapture[] capture = new Base64DocumentCapture[1];

        JsonNode tree = read(json, capture);

        assertThat(capture[0].contents()).containsOnlyKeys(0, 1);
        assertThat(capture[0].contents().get(0).toByteArray()).isEqualTo(first);
        assertThat(capture[0].contents().get(1).toByteArray()).as("padding is optional").isEqualTo(second);
        assertThat(tree.path("documents").get(0).path("contentBase64").asText()).isEqualTo("-");
        assertThat(tree.path("documents").get(1).path("contentBase64").asText()).isEqualTo("-");
        // everything else is read as usual, including contentBase64 fields that are not a document's content
        ObjectNode plain = (ObjectNode) mapper.readTree(json);
        ((ObjectNode) plain.path("documents").get(0)).put("contentBase64", "-");
        ((ObjectNode) plain.path("documents").get(1)).put("contentBase64", "-");
        assertThat(tree).isEqualTo(plain);
    }

    @Test
    void anEmptyValueStaysEmptySoTheSchemaReportsIt() throws IOException {
        Base64DocumentCapture[] capture = new Base64DocumentCapture[1];
        JsonNode tree = read("{\"documents\":[{\"contentBase64\":\"\"}]}", capture);
        assertThat(tree.path("documents").get(0).path("contentBase64").asText()).isEmpty();
        assertThat(capture[0].contents().get(0).length()).isZero();
    }

    @Test
    void aValueWithEscapesIsDecodedToo() throws IOException {
        Base64DocumentCapture[] capture = new Base64DocumentCapture[1];
        read("{\"documents\":[{\"contentBase64\":\"aGVs\\u0062G8=\"}]}", capture);
        assertThat(new String(capture[0].contents().get(0).toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void refusesWhatIsNotBase64() {
        assertThatThrownBy(() -> read("{\"documents\":[{\"contentBase64\":\"not*base64!\"}]}",
                new Base64DocumentCapture[1])).isInstanceOf(IOException.class);
    }

    @Test
    void aLongValueStaysInTheRecordAndIsDecodedPieceByPieceWhenWritten() throws IOException {
        byte[] document = new byte[3 * RawBase64.PIECE + 1234]; // four pieces of text, the last one padded
        new Random(7).nextBytes(document);
        String json = "{\"documents\":[{\"name\":\"big\",\"contentBase64\":\"%s\"}]}"
                .formatted(Base64.getEncoder().encodeToString(document));
        Base64DocumentCapture[] capture = new Base64DocumentCapture[1];

        read(json, capture, 1000);

        DocumentContent content = capture[0].contents().get(0);
        assertThat(content).isInstanceOf(RawBase64.Slice.class);
        assertThat(content.length()).isEqualTo(document.length);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        content.writeTo(written);
        content.writeTo(written); // a retried upload writes the same bytes again
        byte[] twice = written.toByteArray();
        assertThat(Arrays.copyOfRange(twice, 0, document.length)).isEqualTo(document);
        assertThat(Arrays.copyOfRange(twice, document.length, twice.length)).isEqualTo(document);
        assertThat(content.toByteArray()).isEqualTo(document);
        assertThat(content.toString()).isEqualTo(document.length + " bytes");
    }

    @Test
    void aLongValueIsCheckedWhenRead() {
        String paddedInside = "A".repeat(RawBase64.PIECE - 4) + "QQ==" + "QUJD"; // padding where a piece ends
        assertThatThrownBy(() -> read("{\"documents\":[{\"contentBase64\":\"" + paddedInside + "\"}]}",
                new Base64DocumentCapture[1], 1000)).isInstanceOf(IOException.class);
        String badCharacter = "A".repeat(2 * RawBase64.PIECE) + "*AAA";
        assertThatThrownBy(() -> read("{\"documents\":[{\"contentBase64\":\"" + badCharacter + "\"}]}",
                new Base64DocumentCapture[1], 1000)).isInstanceOf(IOException.class);
    }
}
