package io.cobrowsebridge.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * A dependency's reachability, checked on its own thread every {@code bridge.ops.health.interval}. A health request
 * only reads the last result, so it never waits for, or multiplies calls to, the dependency. A check that has not
 * answered within {@code bridge.ops.health.timeout} counts as DOWN while it is still hanging. Changes of state are
 * logged once (WARN when it goes down, INFO when it comes back).
 */
public abstract class BackgroundHealthCheck extends PeriodicJob implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(BackgroundHealthCheck.class);

    private final String dependency;
    private final Duration timeout;
    private final Clock clock;
    private volatile Health last = Health.unknown().withDetail("reason", "not checked yet").build();
    private volatile Instant runningSince;

    protected BackgroundHealthCheck(String dependency, OpsProperties.Health settings, Clock clock) {
        super("health-" + dependency.toLowerCase(Locale.ROOT), settings.interval());
        this.dependency = dependency;
        this.timeout = settings.timeout();
        this.clock = clock;
    }

    /** Reaches the dependency; returns normally when it answered as expected, throws otherwise. */
    protected abstract void check() throws Exception;

    /** False while the check cannot run yet (its status stays UNKNOWN until the first real check). */
    protected boolean canCheck() {
        return true;
    }

    public String dependency() {
        return dependency;
    }

    @Override
    public Health health() {
        Instant started = runningSince;
        if (started != null && Duration.between(started, clock.instant()).compareTo(timeout) > 0) {
            return Health.down().withDetail("reason", "no answer within " + timeout.toMillis() + " ms").build();
        }
        return last;
    }

    /** 1 when the last check succeeded and the current one (if any) is not overdue, else 0. */
    public double up() {
        return Status.UP.equals(health().getStatus()) ? 1 : 0;
    }

    @Override
    protected void runOnce() {
        if (!canCheck()) {
            return;
        }
        runningSince = clock.instant();
        Health next;
        try {
            check();
            next = Health.up().build();
        } catch (Exception e) {
            next = Health.down().withDetail("reason", describe(e)).build();
        } finally {
            runningSince = null;
        }
        Status before = last.getStatus();
        last = next;
        if (Status.DOWN.equals(next.getStatus()) && !Status.DOWN.equals(before)) {
            log.warn("{} is not reachable: {}", dependency, next.getDetails().get("reason"));
        } else if (Status.UP.equals(next.getStatus()) && Status.DOWN.equals(before)) {
            log.info("{} is reachable again", dependency);
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
