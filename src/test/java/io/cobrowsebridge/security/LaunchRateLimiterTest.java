package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LaunchRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LaunchRateLimiter limiter = new LaunchRateLimiter(
            new LaunchRateLimitProperties(true, 2, Duration.ofMinutes(1), 100), now::get);

    @Test
    void allowsABurstThenOneMorePerRefillPeriod() {
        assertThat(limiter.tryAcquire("pkg-1=")).isEmpty();
        assertThat(limiter.tryAcquire("pkg-1=")).isEmpty();
        assertThat(limiter.tryAcquire("pkg-1=")).hasValue(Duration.ofMinutes(1));

        advance(Duration.ofSeconds(45));
        assertThat(limiter.tryAcquire("pkg-1=")).hasValue(Duration.ofSeconds(15));
        advance(Duration.ofSeconds(15));
        assertThat(limiter.tryAcquire("pkg-1=")).isEmpty();
        assertThat(limiter.tryAcquire("pkg-1=")).isPresent();

        advance(Duration.ofMinutes(10));
        assertThat(limiter.tryAcquire("pkg-1=")).as("refilled up to the capacity only").isEmpty();
        assertThat(limiter.tryAcquire("pkg-1=")).isEmpty();
        assertThat(limiter.tryAcquire("pkg-1=")).isPresent();
    }

    @Test
    void eachPackageHasItsOwnBucket() {
        limiter.tryAcquire("pkg-1=");
        limiter.tryAcquire("pkg-1=");
        assertThat(limiter.tryAcquire("pkg-1=")).isPresent();
        assertThat(limiter.tryAcquire("pkg-2=")).isEmpty();
    }

    @Test
    void canBeSwitchedOff() {
        LaunchRateLimiter off = new LaunchRateLimiter(new LaunchRateLimitProperties(false, 1, Duration.ofHours(1), 10), now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(off.tryAcquire("pkg-1=")).isEmpty();
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
