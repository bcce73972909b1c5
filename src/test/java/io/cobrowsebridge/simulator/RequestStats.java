package io.cobrowsebridge.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts received requests per method and exact path. */
final class RequestStats {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String method, String path) {
        counts.computeIfAbsent(method + ' ' + path, k -> new LongAdder()).increment();
    }

    /** Requests whose method matches ("*" = any) and whose path starts with {@code pathPrefix}. */
    int count(String method, String pathPrefix) {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
            String key = entry.getKey();
            int space = key.indexOf(' ');
            boolean methodMatches = "*".equals(method) || key.substring(0, space).equalsIgnoreCase(method);
            if (methodMatches && key.startsWith(pathPrefix, space + 1)) {
                total += entry.getValue().sum();
            }
        }
        return (int) total;
    }

    void clear() {
        counts.clear();
    }
}
