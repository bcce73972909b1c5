package io.cobrowsebridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowsebridge.simulator.FaultRule;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario c: the service is killed (SIGKILL) while it works through a backlog, then started again.
 * OneSpan answers slowly, so the kill lands between creating a package and committing its record: the restarted
 * service must resume those, not create them again, and must not skip any record.
 */
class ServiceCrashIT {

    private static ReliabilityRig rig;

    @BeforeAll
    static void startRig() {
        rig = ReliabilityRig.start("c", 3);
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void serviceCrashMidStreamLosesNothingAndDuplicatesNothing() {
        int events = ReliabilityRig.EVENTS;
        rig.simulator.addFault(FaultRule.latency("POST", "/api/packages", 30));
        rig.simulator.addFault(FaultRule.latency("POST", "/api/authenticationTokens", 20));
        ServiceProcess first = rig.launchService("service-1").awaitReady();
        Map<String, String> published = rig.publish(events);

        int atKill = rig.awaitPackages(events / 3);
        first.kill();
        rig.launchService("service-2").awaitReady();

        rig.awaitIntakeCommitted(events);
        Outcome outcome = rig.outcome(published);
        rig.report(outcome, 1, "service SIGKILL after " + atKill + " packages, then started again");
        assertThat(atKill).as("the service died mid-stream").isLessThan(events);
        outcome.assertExactlyOnce();
    }
}
