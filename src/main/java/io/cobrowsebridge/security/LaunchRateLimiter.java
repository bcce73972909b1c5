package io.cobrowsebridge.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A token bucket per packageId for launch URL opens ({@link LaunchRateLimitProperties}), kept in a bounded Caffeine
 * cache. A bucket left alone for {@code capacity x refill-period} is full again, so it is evicted without loss.
 * Per instance: with N instances behind a load balancer the effective limit is up to N times higher.
 */
@Component
public class LaunchRateLimiter {

    private final LaunchRateLimitProperties properties;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets;

    @Autowired
    public LaunchRateLimiter(LaunchRateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    LaunchRateLimiter(LaunchRateLimitProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxPackages())
                .expireAfterAccess(properties.refillPeriod().multipliedBy(properties.capacity()))
                .build();
    }

    /**
     * Takes one open from the package's bucket.
     *
     * @return empty when allowed, else how long until the next open is allowed (for {@code Retry-After})
     */
    public Optional<Duration> tryAcquire(String packageId) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        TokenBucket bucket = buckets.get(packageId,
                id -> new TokenBucket(properties.capacity(), properties.refillPeriod().toNanos(), nanoTime.getAsLong()));
        long waitNanos = bucket.tryTake(nanoTime.getAsLong());
        return waitNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(waitNanos));
    }

    /** Whole tokens refill one per period, up to the capacity. */
    static final class TokenBucket {
        private final int capacity;
        private final long periodNanos;
        private int tokens;
        private long lastRefill;

        TokenBucket(int capacity, long periodNanos, long now) {
            this.capacity = capacity;
            this.periodNanos = periodNanos;
            this.tokens = capacity;
            this.lastRefill = now;
        }

        /** 0 when a token was taken, else the nanoseconds until the next token. */
        synchronized long tryTake(long now) {
            long periods = (now - lastRefill) / periodNanos;
            if (periods > 0) {
                tokens = (int) Math.min(capacity, tokens + periods);
                lastRefill = tokens == capacity ? now : lastRefill + periods * periodNanos;
            }
            if (tokens > 0) {
                if (tokens == capacity) {
                    lastRefill = now; // the refill clock starts with the first token taken from a full bucket
                }
                tokens--;
                return 0;
            }
            return Math.max(1, lastRefill + periodNanos - now);
        }
    }
}
