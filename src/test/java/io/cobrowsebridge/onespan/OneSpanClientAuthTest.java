package io.cobrowsebridge.onespan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowsebridge.config.OneSpanProperties;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client-app bearer auth against the simulator over real HTTP (Apache HttpClient, no Spring). */
class OneSpanClientAuthTest {

    private OneSpanSimulator simulator;
    private MovableClock clock;
    private OneSpanClient client;

    @BeforeEach
    void start() {
        simulator = OneSpanSimulator.start(0, "unused-api-key");
        clock = new MovableClock(Instant.now());
        OneSpanProperties properties = new OneSpanProperties(simulator.baseUrl(), "client-app", null, "client-1",
                "client-secret-1", "SENT", true, Duration.ofSeconds(2), Duration.ofSeconds(2));
        client = new OneSpanClient(new ObjectMapper(), properties, clock,
                new OneSpanMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        simulator.close();
    }

    @Test
    void fetchesOneTokenAndReusesIt() {
        assertThat(client.findByPolicyNumber("P-1")).isEmpty();
        assertThat(client.findByPolicyNumber("P-2")).isEmpty();
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(simulator.requestCount("GET", "/api/packages")).isEqualTo(2);
    }

    @Test
    void refreshesBeforeExpiry() {
        client.findByPolicyNumber("P-1");
        clock.advance(Duration.ofMinutes(29).plusSeconds(30)); // tokens last 30 min; refreshed within the last 60 s
        client.findByPolicyNumber("P-2");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void refreshesOnceWhenOneSpanNoLongerAcceptsTheToken() {
        client.findByPolicyNumber("P-1");
        simulator.reset(); // forgets every token it issued (and zeroes its counters): the cached one now gets 401
        assertThat(client.findByPolicyNumber("P-2")).isEmpty();
        assertThat(tokenRequests()).as("one refresh").isEqualTo(1);
        assertThat(simulator.requestCount("GET", "/api/packages")).as("the 401 and the retry").isEqualTo(2);
    }

    private int tokenRequests() {
        return simulator.requestCount("POST", "/apitoken/clientApp/accessToken");
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
