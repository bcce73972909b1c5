package io.cobrowsebridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.simulator.FaultRule;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario b: the Kafka broker crashes (SIGKILL) while the service is working through a backlog and
 * comes back a few seconds later on the same port with the same data. Nothing may be lost or done twice.
 */
class BrokerRestartIT {

    /** How long the broker stays dead: long enough for the service's sends, commits and polls to fail. */
    private static final Duration BROKER_DOWNTIME = Duration.ofSeconds(5);

    private static ReliabilityRig rig;

    @BeforeAll
    static void startRig() {
        rig = ReliabilityRig.start("b", 3);
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void brokerCrashMidStreamLosesNothingAndDuplicatesNothing() throws InterruptedException {
        int events = ReliabilityRig.EVENTS;
        rig.simulator.addFault(FaultRule.latency("POST", "/api/packages", 20));
        rig.launchService("service").awaitReady();
        Map<String, String> published = rig.publish(events);

        int atKill = rig.awaitPackages(events / 3);
        rig.kafka.kill();
        Thread.sleep(BROKER_DOWNTIME.toMillis());
        rig.kafka.start();

        rig.awaitIntakeCommitted(events);
        Outcome outcome = rig.outcome(published);
        rig.report(outcome, 1, "broker SIGKILL after " + atKill + " packages, down "
                + BROKER_DOWNTIME.toSeconds() + " s, restarted with its data");
        assertThat(atKill).as("the broker died mid-stream").isLessThan(events);
        assertThat(rig.recordsIn("policy.new")).as("the restarted broker kept its log").isEqualTo(events);
        outcome.assertExactlyOnce();
    }
}
