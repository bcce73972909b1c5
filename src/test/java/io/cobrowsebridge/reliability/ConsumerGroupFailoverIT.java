package io.cobrowsebridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.simulator.FaultRule;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario d: three instances share the intake consumer group on a 6-partition policy.new; one is
 * killed (SIGKILL) mid-run and its partitions move to the other two. Every event must take effect exactly once;
 * a TRANSACTION_CREATED repeated with the same eventId after the crash is allowed (at-least-once) and reported.
 */
class ConsumerGroupFailoverIT {

    private static final int INSTANCES = 3;

    private static ReliabilityRig rig;

    @BeforeAll
    static void startRig() {
        rig = ReliabilityRig.start("d", 6);
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void instanceKilledInAGroupOfThreeLosesNothingAndDuplicatesNothing() {
        int events = ReliabilityRig.EVENTS;
        rig.simulator.addFault(FaultRule.latency("POST", "/api/packages", 30));
        // One after the other: three Spring Boot starts at once on two cores take longer than in turn.
        List<ServiceProcess> instances = IntStream.rangeClosed(1, INSTANCES)
                .mapToObj(i -> rig.launchService("service-" + i).awaitReady()).toList();
        rig.awaitIntakeGroup(INSTANCES);
        Map<String, String> published = rig.publish(events);

        int atKill = rig.awaitPackages(events / 3);
        ServiceProcess victim = instances.get(1);
        victim.kill();

        rig.awaitIntakeCommitted(events);
        Outcome outcome = rig.outcome(published);
        long byVictim = victim.logCount("Transaction created:");
        rig.report(outcome, 1, "1 of " + INSTANCES + " instances SIGKILLed after " + atKill
                + " packages (it had created " + byVictim + ")");
        assertThat(byVictim).as("the killed instance was doing work").isPositive();
        assertThat(atKill).as("the instance died mid-run").isLessThan(events);
        outcome.assertExactlyOnce();
    }
}
