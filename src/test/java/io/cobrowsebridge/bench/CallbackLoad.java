package io.cobrowsebridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Callback load: {@code total} POSTs of OneSpan notifications to {@code /onespan/callback} from {@code concurrency}
 * threads sharing one pooled HTTP/1.1 client (closed loop: each thread sends its next request when the last is
 * answered). Every notification is distinct (its createdDate), so none is a repeat.
 */
final class CallbackLoad {

    record Result(int requests, double requestsPerSecond, long[] latenciesMicros, int failures, double seconds) {
        double percentileMs(double p) {
            return Stats.percentile(latenciesMicros, p) / 1000.0;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String authorization;
    private final List<String> packageIds;
    private final Instant base = Instant.now();
    private final AtomicInteger sequence = new AtomicInteger();

    CallbackLoad(int port, String callbackKey, List<String> packageIds) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/onespan/callback");
        this.authorization = "Basic " + callbackKey;
        this.packageIds = new ArrayList<>(packageIds);
    }

    Result run(int total, int concurrency) throws InterruptedException {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body())).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, "HTTP " + response.statusCode() + " "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                    latencies[i] = (System.nanoTime() - t0) / 1000;
                }
            }, "bench-callbacks-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstFailure.get() != null) {
            System.out.println("[bench]   callback failures: " + failures.get() + ", first: " + firstFailure.get());
        }
        Arrays.sort(latencies);
        return new Result(total, total / seconds, latencies, failures.get(), seconds);
    }

    /** A OneSpan notification as the simulator sends them (about 230 bytes). */
    private byte[] body() {
        int i = sequence.getAndIncrement();
        String packageId = packageIds.get(i % packageIds.size());
        return ("{\"@class\":\"com.silanis.esl.packages.event.ESLProcessEvent\",\"name\":\"SIGNER_COMPLETE\","
                + "\"sessionUser\":\"signer1\",\"packageId\":\"" + packageId + "\",\"message\":null,\"documentId\":null,"
                + "\"createdDate\":\"" + base.plusMillis(i) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
