package io.cobrowsebridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Base64DocumentCaptureTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode read(String json, Base64DocumentCapture[] capture) throws IOException {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        try (Base64DocumentCapture parser = new Base64DocumentCapture(mapper.createParser(raw), raw)) {
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
        assertThat(capture[0].contents().get(0)).isEqualTo(first);
        assertThat(capture[0].contents().get(1)).as("padding is optional").isEqualTo(second);
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
        assertThat(capture[0].contents().get(0)).isEmpty();
    }

    @Test
    void aValueWithEscapesIsDecodedToo() throws IOException {
        Base64DocumentCapture[] capture = new Base64DocumentCapture[1];
        read("{\"documents\":[{\"contentBase64\":\"aGVs\\u0062G8=\"}]}", capture);
        assertThat(new String(capture[0].contents().get(0), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void refusesWhatIsNotBase64() {
        assertThatThrownBy(() -> read("{\"documents\":[{\"contentBase64\":\"not*base64!\"}]}",
                new Base64DocumentCapture[1])).isInstanceOf(IOException.class);
    }
}
