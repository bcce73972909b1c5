package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A package (or document) upload: JSON body, or multipart/form-data with a {@code payload} part holding the
 * JSON (any content type) and {@code file} parts whose filename is the document's name.
 */
final class PackageUpload {

    record FilePart(String fileName, byte[] bytes) {
    }

    private final JsonNode payload;
    private final List<FilePart> files;

    private PackageUpload(JsonNode payload, List<FilePart> files) {
        this.payload = payload;
        this.files = files;
    }

    static PackageUpload read(HttpCall call) throws IOException {
        if ("multipart/form-data".equals(call.mediaType())) {
            return fromMultipart(call.body(), call.header("Content-Type"));
        }
        return new PackageUpload(call.jsonBody(), List.of());
    }

    JsonNode payload() {
        return payload;
    }

    /**
     * Document contents by index in {@code documents}: file parts paired by name first, then in order with the
     * documents still unpaired; plus {@code base64Content} (decoded and removed from the JSON). Documents with
     * {@code external} content take no file. A file part left over is a 422.
     */
    Map<Integer, byte[]> contentsFor(JsonNode documents) {
        Map<Integer, byte[]> contents = new HashMap<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            if (document.hasNonNull("base64Content")) {
                contents.put(i, decodeBase64(document));
            } else if (!document.hasNonNull("external")) {
                open.add(i);
            }
        }
        List<FilePart> unpaired = new ArrayList<>();
        for (FilePart file : files) {
            Integer match = open.stream()
                    .filter(i -> documents.get(i).path("name").asText("").equals(file.fileName()))
                    .findFirst().orElse(null);
            if (match == null) {
                unpaired.add(file);
            } else {
                open.remove(match);
                contents.put(match, file.bytes());
            }
        }
        for (FilePart file : unpaired) {
            if (open.isEmpty()) {
                throw ApiError.unprocessable("error.unprocessableEntity.document.noMatchingDocument",
                        "File part '" + file.fileName() + "' does not match any document in the payload");
            }
            contents.put(open.remove(0), file.bytes());
        }
        return contents;
    }

    private static byte[] decodeBase64(JsonNode document) {
        String encoded = document.get("base64Content").asText();
        ((ObjectNode) document).remove("base64Content");
        try {
            return Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("error.validation.document.invalidBase64Content",
                    "Document '" + document.path("name").asText() + "' has invalid base64Content");
        }
    }

    private static PackageUpload fromMultipart(byte[] body, String contentTypeHeader) throws IOException {
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentTypeHeader));
            JsonNode payload = null;
            List<FilePart> files = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String name = partName(part);
                if ("payload".equals(name)) {
                    payload = Json.parse(readText(part).getBytes(StandardCharsets.UTF_8));
                } else if ("file".equals(name)) {
                    files.add(new FilePart(part.getFileName(), part.getInputStream().readAllBytes()));
                }
            }
            if (payload == null) {
                throw ApiError.badRequest("error.validation.missingPayload",
                        "The multipart request has no 'payload' part");
            }
            return new PackageUpload(payload, files);
        } catch (MessagingException e) {
            throw ApiError.badRequest("error.validation.invalidMultipart", "Malformed multipart/form-data body");
        }
    }

    private static String partName(BodyPart part) throws MessagingException {
        String[] disposition = part.getHeader("Content-Disposition");
        return disposition == null ? null : new ContentDisposition(disposition[0]).getParameter("name");
    }

    /** The payload part as text, honouring a charset parameter (the SDK labels it text/plain; charset=UTF-8). */
    private static String readText(BodyPart part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        String type = part.getContentType();
        if (type != null) {
            String declared = new ContentType(type).getParameter("charset");
            if (declared != null && Charset.isSupported(declared)) {
                charset = Charset.forName(declared);
            }
        }
        return new String(part.getInputStream().readAllBytes(), charset);
    }
}
