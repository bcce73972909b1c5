package io.cobrowsebridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class BackgroundHealthCheckTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile CountDownLatch hang;
    private final CountDownLatch entered = new CountDownLatch(1);

    private final BackgroundHealthCheck check = new BackgroundHealthCheck("Thing",
            new OpsProperties.Health(Duration.ofSeconds(15), Duration.ofSeconds(5)), clock) {
        @Override
        protected void check() throws Exception {
            if (hang != null) {
                entered.countDown();
                hang.await();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    };

    @Test
    void unknownUntilCheckedThenFollowsTheLastResult() {
        assertThat(check.health().getStatus()).isEqualTo(Status.UNKNOWN);
        check.runOnce();
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);
        assertThat(check.up()).isEqualTo(1.0);

        failure.set(new IllegalStateException("answered HTTP 503"));
        check.runOnce();
        assertThat(check.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(check.health().getDetails()).containsEntry("reason", "answered HTTP 503");
        assertThat(check.up()).isZero();

        failure.set(null);
        check.runOnce();
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aCheckHangingLongerThanTheTimeoutIsDownWhileItHangs() throws InterruptedException {
        check.runOnce();
        hang = new CountDownLatch(1);
        Thread running = new Thread(check::runOnce);
        running.start();
        entered.await();
        clock.advance(Duration.ofSeconds(4));
        assertThat(check.health().getStatus()).as("still within the timeout").isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> check.health().getStatus().equals(Status.DOWN));
        assertThat(check.health().getDetails().get("reason").toString()).contains("no answer within 5000 ms");

        hang.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !running.isAlive());
        assertThat(check.health().getStatus()).isEqualTo(Status.UP);
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
