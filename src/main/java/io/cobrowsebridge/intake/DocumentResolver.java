package io.cobrowsebridge.intake;

import io.cobrowsebridge.config.BridgeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Gets the bytes of every document of an event: decodes {@code contentBase64}, or fetches {@code url} from one of
 * the configured allowed base URLs only: http(s) only, no redirects followed (a 3xx is a failed fetch), size cap
 * (a declared Content-Length over it is refused unread, and at most max-bytes + 1 bytes are ever read), timeout.
 */
@Component("documentResolver")
public class DocumentResolver {

    private static final String DEFAULT_CONTENT_TYPE = "application/pdf";
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private final List<URI> allowedBaseUrls;
    private final long maxBytes;
    private final Duration timeout;
    private final HttpClient http;

    public DocumentResolver(BridgeProperties properties) {
        BridgeProperties.Documents config = properties.documents();
        this.allowedBaseUrls = config.allowedBaseUrls().stream().map(DocumentResolver::normalise).toList();
        this.maxBytes = config.maxBytes().toBytes();
        this.timeout = config.fetchTimeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param decoded content already decoded from {@code contentBase64} while parsing (exchange property
     *                {@code documentContent}), by document index; other documents are decoded or fetched here
     */
    public List<ResolvedDocument> resolve(PolicyEvent event,
            @ExchangeProperty(IntakeProperties.DOCUMENT_CONTENT) Map<Integer, DocumentContent> decoded) {
        List<ResolvedDocument> resolved = new ArrayList<>();
        List<PolicyEvent.Document> documents = event.documents();
        for (int i = 0; i < documents.size(); i++) {
            PolicyEvent.Document doc = documents.get(i);
            String field = "documents[" + i + "]";
            DocumentContent content = doc.contentBase64() == null ? DocumentContent.of(fetch(field + ".url", doc.url()))
                    : decoded != null && decoded.containsKey(i) ? checkDecoded(field + ".contentBase64", decoded.get(i))
                    : checkDecoded(field + ".contentBase64",
                            DocumentContent.of(decode(field + ".contentBase64", doc.contentBase64())));
            String contentType = doc.contentType() == null ? DEFAULT_CONTENT_TYPE : doc.contentType();
            List<PolicyEvent.SignatureField> fields = doc.signatureFields() == null ? List.of() : doc.signatureFields();
            resolved.add(new ResolvedDocument(doc.name(), contentType, content, fields));
        }
        return resolved;
    }

    private static byte[] decode(String field, String base64) {
        try {
            return decodeBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + ": not valid base64");
        }
    }

    private DocumentContent checkDecoded(String field, DocumentContent content) {
        if (content.length() == 0) {
            throw new InvalidEventException(field + ": the document is empty");
        }
        checkSize(field, content.length());
        return content;
    }

    /**
     * Strict base64; line breaks and blanks are tolerated. The common case (none) is decoded in one pass: only when
     * the strict decoder refuses the text is it stripped of whitespace and decoded again.
     */
    private static byte[] decodeBase64(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
        }
    }

    /** True when {@code url} is http(s) and lies under one of the allowed base URLs (same origin, path prefix). */
    boolean isAllowed(URI url) {
        if (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                || url.getRawUserInfo() != null || url.getHost() == null) {
            return false;
        }
        URI candidate = normalise(url);
        return allowedBaseUrls.stream().anyMatch(base -> base.getScheme().equals(candidate.getScheme())
                && base.getHost().equals(candidate.getHost())
                && base.getPort() == candidate.getPort()
                && underPath(candidate.getRawPath(), base.getRawPath()));
    }

    private static boolean underPath(String path, String basePath) {
        String prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        return path.equals(basePath) || path.startsWith(prefix);
    }

    private byte[] fetch(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidEventException(field + ": not a valid URL");
        }
        if (!isAllowed(uri)) {
            throw new InvalidEventException(field + ": " + describe(uri)
                    + " is not under an allowed base URL (bridge.documents.allowed-base-urls)");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DocumentFetchException(field + ": " + describe(uri) + " answered HTTP " + response.statusCode()
                            + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : ""));
                }
                checkSize(field, response.headers().firstValueAsLong("Content-Length").orElse(0)); // before reading
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                checkSize(field, bytes.length);
                if (bytes.length == 0) {
                    throw new InvalidEventException(field + ": the document at " + describe(uri) + " is empty");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new DocumentFetchException(field + ": fetching " + describe(uri) + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentFetchException(field + ": interrupted while fetching " + describe(uri));
        }
    }

    private void checkSize(String field, long size) {
        if (size > maxBytes) {
            throw new InvalidEventException(field + ": the document is larger than " + maxBytes
                    + " bytes (bridge.documents.max-bytes)");
        }
    }

    /** Scheme, host, port and path only: a query string may carry a signature and is never logged. */
    private static String describe(URI uri) {
        return (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                + (uri.getHost() == null ? "" : uri.getHost())
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static URI normalise(URI uri) {
        URI n = uri.normalize();
        String scheme = n.getScheme().toLowerCase();
        int port = n.getPort() >= 0 ? n.getPort() : (scheme.equals("https") ? 443 : 80);
        String path = n.getRawPath() == null || n.getRawPath().isEmpty() ? "/" : n.getRawPath();
        try {
            return new URI(scheme, null, n.getHost().toLowerCase(), port, null, null, null)
                    .resolve(path.startsWith("/") ? path : "/" + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL", e);
        }
    }
}
