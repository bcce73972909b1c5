package io.cobrowsebridge.onespan;

import io.cobrowsebridge.intake.ResolvedDocument;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.core5.http.ContentType;

/**
 * A document as a multipart {@code file} part: its bytes are written straight from the event's
 * {@link io.cobrowsebridge.intake.DocumentContent} (decoded from the record as they are sent, for a large inline
 * document), never gathered in a buffer of their own. The length is known, so the request has a Content-Length.
 */
final class DocumentPart extends AbstractContentBody {

    private final ResolvedDocument document;

    DocumentPart(ResolvedDocument document) {
        super(ContentType.parse(document.contentType()));
        this.document = document;
    }

    @Override
    public String getFilename() {
        return document.name();
    }

    @Override
    public long getContentLength() {
        return document.content().length();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        document.content().writeTo(out);
    }
}
