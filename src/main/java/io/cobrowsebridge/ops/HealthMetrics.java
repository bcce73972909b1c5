package io.cobrowsebridge.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health as metrics, for alerting: {@code cobrowse_bridge_ready} (1 when {@code /actuator/health/readiness} is UP)
 * and {@code cobrowse_bridge_dependency_up{dependency=kafka|onespan|smtp}} (1 when the last check succeeded).
 */
@Component
public class HealthMetrics {

    public static final String READY = "cobrowse_bridge_ready";
    public static final String DEPENDENCY_UP = "cobrowse_bridge_dependency_up";

    public HealthMetrics(MeterRegistry meters, ObjectProvider<HealthEndpoint> health, List<BackgroundHealthCheck> checks) {
        Gauge.builder(READY, health, HealthMetrics::ready)
                .description("1 when the readiness group is UP, else 0")
                .strongReference(true)
                .register(meters);
        for (BackgroundHealthCheck check : checks) {
            Gauge.builder(DEPENDENCY_UP, check, BackgroundHealthCheck::up)
                    .description("1 when the dependency answered its last reachability check, else 0")
                    .tag("dependency", check.dependency().toLowerCase(Locale.ROOT))
                    .register(meters);
        }
    }

    private static double ready(ObjectProvider<HealthEndpoint> health) {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthComponent readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
