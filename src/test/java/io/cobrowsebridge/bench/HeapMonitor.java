package io.cobrowsebridge.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures of the JVM under test, since the last {@link #reset()}:
 * <ul>
 *   <li>{@code peak}: the largest heap in use, sampled every 20 ms (live objects plus garbage not yet collected:
 *       mostly says how far the collector let the heap grow);</li>
 *   <li>{@code livePeak}: the largest heap in use right after a collection (what survived it: the retained set
 *       plus old garbage not yet collected), from the collector's own notifications.</li>
 * </ul>
 */
final class HeapMonitor {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong livePeak = new AtomicLong();
    private final AtomicLong gcCount = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();

    private HeapMonitor() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
    }

    static HeapMonitor start() {
        HeapMonitor monitor = new HeapMonitor();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        monitor.afterGc(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
        }
        Thread sampler = new Thread(() -> {
            while (true) {
                monitor.peak.accumulateAndGet(monitor.used(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return monitor;
    }

    private void afterGc(GarbageCollectionNotificationInfo info) {
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        // "G1 Concurrent GC" notifications (cleanup/remark) do not free young objects: only pauses count as a floor
        if (!info.getGcName().contains("Concurrent")) {
            livePeak.accumulateAndGet(after, Math::max);
        }
        gcCount.incrementAndGet();
        gcMillis.addAndGet(info.getGcInfo().getDuration());
    }

    long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    long peak() {
        return peak.get();
    }

    long livePeak() {
        return livePeak.get();
    }

    long gcCount() {
        return gcCount.get();
    }

    long gcMillis() {
        return gcMillis.get();
    }

    void reset() {
        peak.set(used());
        livePeak.set(0);
    }

    /** Live heap: full collections until the figure settles. */
    long liveAfterFullGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, used());
        }
        return best;
    }
}
