package io.cobrowsebridge.onespan;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Times every OneSpan call: {@code cobrowse_bridge_onespan_calls_seconds{operation, outcome}}, where operation is
 * the call's name ({@code create_package}, {@code sender_token}, ...) and outcome is {@code success},
 * {@code rejected} (a 4xx, permanent) or {@code unavailable} (5xx, 408, 429, timeout, no connection).
 */
@Component
public class OneSpanMetrics {

    public static final String CALLS = "cobrowse_bridge_onespan_calls";

    private final MeterRegistry meters;
    /** Timers by "operation outcome": registered once, not looked up through a new meter id on every call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public OneSpanMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public <T> T record(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "unavailable";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } catch (OneSpanRejectedException e) {
            outcome = "rejected";
            throw e;
        } finally {
            String tag = outcome;
            sample.stop(timers.computeIfAbsent(operation + " " + outcome, key -> meters.timer(CALLS,
                    "operation", operation.replace(' ', '_').toLowerCase(Locale.ROOT), "outcome", tag)));
        }
    }
}
