package io.cobrowsebridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor of the callback benchmark: a bare JDK {@link HttpServer} on {@code /onespan/callback} doing what the
 * service's callback-intake does before its 200: key check (constant time), size limit, JSON with {@code name} and
 * {@code packageId}, then the body bytes to the callbacks topic (key = packageId) with a synchronous, acknowledged
 * produce (acks=all, the same producer timeouts as the route). Handler threads: a cached pool (one per concurrent
 * request, since each blocks on the produce), TCP_NODELAY on.
 */
final class FloorCallbackServer implements AutoCloseable {

    private static final byte[] STORED = "{\"status\":\"stored\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<byte[]> keyDigests;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String topic;
    private final int maxBody = 64 * 1024;

    private FloorCallbackServer(Map<String, String> config) throws IOException {
        this.topic = config.getOrDefault("bridge.topics.callbacks", "onespan.callbacks");
        this.keyDigests = Arrays.stream(config.get("bridge.callback.keys").split(",")).map(String::trim)
                .map(FloorCallbackServer::sha256).toList();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("camel.component.kafka.brokers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(executor);
        server.createContext("/onespan/callback", this::handle);
        server.start();
    }

    static FloorCallbackServer start(Map<String, String> config) throws IOException {
        return new FloorCallbackServer(config);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, new byte[0]);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String presented = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    ? authorization.substring(6).trim() : "";
            byte[] digest = sha256(presented);
            boolean match = false;
            for (byte[] key : keyDigests) {
                match |= MessageDigest.isEqual(key, digest);
            }
            if (!match) {
                answer(exchange, 401, new byte[0]);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(maxBody + 1);
            }
            if (body.length > maxBody) {
                answer(exchange, 413, new byte[0]);
                return;
            }
            String packageId;
            try {
                JsonNode json = mapper.readTree(body);
                packageId = json == null ? null : json.path("packageId").asText(null);
                if (!json.path("name").isTextual() || packageId == null || packageId.isBlank()) {
                    answer(exchange, 400, new byte[0]);
                    return;
                }
            } catch (IOException e) {
                answer(exchange, 400, new byte[0]);
                return;
            }
            try {
                producer.send(new ProducerRecord<>(topic, packageId.getBytes(StandardCharsets.UTF_8), body)).get();
            } catch (Exception e) {
                answer(exchange, 503, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer(exchange, 200, STORED);
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        producer.close();
    }
}
