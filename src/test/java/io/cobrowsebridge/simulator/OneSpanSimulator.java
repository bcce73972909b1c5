package io.cobrowsebridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful fake of the OneSpan Sign REST API over real HTTP on loopback (see onespan-api.md): packages from JSON
 * or multipart, validation with OneSpan's error body, authentication tokens and the {@code /auth} redirect,
 * callback registration and delivery, plus test controls under {@code /simulator/} (faults, reset, callbacks).
 */
public final class OneSpanSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OneSpanSimulator.class);
    private static final String CONTROL_PREFIX = "/simulator/";
    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each response can stall ~40 ms
        // on delayed ACKs. Read once by the JDK when its first HttpServer is created, so set it early.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;
    private final String baseUrl;
    private final PackageStore store = new PackageStore();
    private final TokenStore tokens = new TokenStore(Clock.systemUTC());
    private final Faults faults = new Faults();
    private final CallbackFirer callbacks = new CallbackFirer();
    private final RequestStats stats = new RequestStats();
    private final ApiAuth auth;
    private final Router router = new Router();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OneSpanSimulator(HttpServer server, ExecutorService executor, String apiKey) {
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
        this.baseUrl = "http://localhost:" + port;
        this.auth = new ApiAuth(apiKey, tokens);
        new PackageEndpoints(store, baseUrl).register(router);
        new AccountEndpoints(store, tokens, callbacks).register(router);
        new BrowserEndpoints(tokens, List.of(baseUrl, "http://127.0.0.1:" + port)).register(router);
        new ControlEndpoints(this, faults).register(router);
    }

    /** Starts a simulator on loopback; {@code port} 0 picks a free port. */
    public static OneSpanSimulator start(int port, String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("apiKey is required");
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            OneSpanSimulator simulator = new OneSpanSimulator(server, executor, apiKey);
            server.setExecutor(executor);
            server.createContext("/", simulator::handle);
            server.start();
            LOG.info("OneSpan simulator listening on {}", simulator.baseUrl);
            return simulator;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot start the OneSpan simulator on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    /** The instance URL; the API is under {@code baseUrl() + "/api"}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String apiUrl() {
        return baseUrl + "/api";
    }

    public int packageCount() {
        return store.size();
    }

    /** Deep copies of all stored packages, in creation order. */
    public List<ObjectNode> packages() {
        return store.all().stream().map(SimulatedPackage::snapshot).toList();
    }

    /** Deep copy of a package as {@code GET /api/packages/{id}} returns it. */
    public Optional<ObjectNode> packageJson(String packageId) {
        return store.find(packageId).map(SimulatedPackage::snapshot);
    }

    /** The uploaded bytes of a document, looked up by document name (or id). */
    public Optional<byte[]> documentBytes(String packageId, String documentName) {
        return store.find(packageId).flatMap(pkg -> pkg.documentBytes(documentName));
    }

    /** Every token value issued (client-app, user, sender, signer, session), in issue order. */
    public List<String> issuedTokens() {
        return tokens.issuedValues();
    }

    public int senderTokensIssued() {
        return tokens.senderTokensIssued();
    }

    /** Requests received outside /simulator/ with this method ("*" = any) and raw path prefix. */
    public int requestCount(String method, String pathPrefix) {
        return stats.count(method, pathPrefix);
    }

    public void addFault(FaultRule rule) {
        faults.add(rule);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Same as {@code POST /api/callback}: events are delivered to {@code url} with {@code Basic <key>}. */
    public void registerCallback(String url, String key) {
        callbacks.register(url, key, List.of());
    }

    /**
     * POSTs an event for the package to the registered callback URL, as OneSpan does. {@code sessionUser} defaults
     * to the package's first role id ("owner" if none or the package is unknown); {@code extraFields} are appended
     * and may override any default field.
     *
     * @return the listener's HTTP status
     * @throws IllegalStateException if no callback is registered
     * @throws UncheckedIOException  if the listener cannot be reached or times out (10 s)
     */
    public int fireCallback(String packageId, String eventName, Map<String, Object> extraFields) {
        return fireCallbackJson(packageId, eventName,
                Json.MAPPER.valueToTree(extraFields == null ? Map.of() : extraFields));
    }

    int fireCallbackJson(String packageId, String eventName, JsonNode extraFields) {
        String sessionUser = store.find(packageId).flatMap(SimulatedPackage::firstRoleId).orElse("owner");
        return callbacks.deliver(CallbackFirer.eventBody(packageId, eventName, sessionUser, extraFields));
    }

    /** Clears packages, tokens, faults and counters; keeps the callback registration. */
    public void reset() {
        store.clear();
        tokens.clear();
        faults.clear();
        stats.clear();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        HttpCall call = new HttpCall(exchange);
        try {
            if (!call.path().startsWith(CONTROL_PREFIX)) {
                stats.record(call.method(), call.path());
                if (faults.apply(call)) {
                    return;
                }
                if (call.path().equals("/api") || call.path().startsWith("/api/")) {
                    auth.check(call);
                }
            }
            router.dispatch(call);
        } catch (ApiError e) {
            respondWithError(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.abort();
        } catch (Exception e) {
            // Path only: query strings may carry tokens.
            LOG.warn("OneSpan simulator failed on {} {}", call.method(), call.path(), e);
            respondWithError(call, new ApiError(500, "error.internal", "Simulator error: " + e.getClass().getName()));
        } finally {
            call.close();
        }
    }

    private static void respondWithError(HttpCall call, ApiError error) {
        if (call.answered()) {
            return;
        }
        try {
            call.sendError(error);
        } catch (IOException e) {
            LOG.debug("Could not send the error response", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "onespan-sim-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
