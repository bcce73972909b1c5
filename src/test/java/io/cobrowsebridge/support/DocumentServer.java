package io.cobrowsebridge.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server that serves test documents at any path and counts every request it gets. */
public final class DocumentServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private DocumentServer(HttpServer server) {
        this.server = server;
    }

    public static DocumentServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DocumentServer docs = new DocumentServer(server);
            server.createContext("/", exchange -> {
                docs.requests.incrementAndGet();
                byte[] body = docs.documents.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "application/pdf");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return docs;
        } catch (IOException e) {
            throw new IllegalStateException("document server did not start", e);
        }
    }

    /** Serves {@code content} at {@code path} (e.g. "/docs/a.pdf") and returns its URL. */
    public String put(String path, byte[] content) {
        documents.put(path, content);
        return url(path);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
