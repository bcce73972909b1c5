package io.cobrowsebridge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server that serves test documents at any path and counts every request it gets (in total and per
 * path). It can also answer a path with a redirect, or with an endless-looking stream of bytes of undeclared length.
 */
public final class DocumentServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Long> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong streamedBytes = new AtomicLong();

    private DocumentServer(HttpServer server) {
        this.server = server;
    }

    public static DocumentServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DocumentServer docs = new DocumentServer(server);
            server.createContext("/", docs::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return docs;
        } catch (IOException e) {
            throw new IllegalStateException("document server did not start", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.incrementAndGet();
        requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            byte[] body = documents.get(path);
            String location = redirects.get(path);
            Long streamLength = streams.get(path);
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
            } else if (streamLength != null) {
                stream(exchange, streamLength);
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/pdf");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** Chunked, no Content-Length: the reader cannot know the size in advance. */
    private void stream(HttpExchange exchange, long length) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/pdf");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
                streamedBytes.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the reader hung up: expected once it has read its limit
        }
    }

    /** Serves {@code content} at {@code path} (e.g. "/docs/a.pdf") and returns its URL. */
    public String put(String path, byte[] content) {
        documents.put(path, content);
        return url(path);
    }

    /** Answers {@code path} with 302 to {@code location}; returns the URL of {@code path}. */
    public String redirect(String path, String location) {
        redirects.put(path, location);
        return url(path);
    }

    /** Answers {@code path} with {@code length} bytes of undeclared length; returns its URL. */
    public String stream(String path, long length) {
        streams.put(path, length);
        return url(path);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    public int requests(String path) {
        AtomicInteger count = requestsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    /** Bytes written by all streamed answers so far (the reader may have stopped reading earlier). */
    public long streamedBytes() {
        return streamedBytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
