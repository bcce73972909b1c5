package io.cobrowsebridge.faults;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.onespan.OneSpanClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Scenario f: SMTP down for two minutes while callbacks keep coming; every e-mail arrives once SMTP is back. */
class SmtpOutageIT extends IntegrationTest {

    @Autowired
    OneSpanClient oneSpan;

    @Test
    void scenarioF_everyEmailIsDeliveredAfterAnSmtpOutage() {
        Duration outage = Duration.ofSeconds(Long.getLong("reliability.smtp-outage-seconds", 120));
        int transactions = 10;
        oneSpan.registerCallback(baseUrl() + "/onespan/callback", CALLBACK_KEY, List.of("COBROWSE_REQUEST"));
        Map<String, String> packages = new HashMap<>();
        for (int i = 0; i < transactions; i++) {
            String policyNumber = newPolicyNumber();
            kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
            packages.put(policyNumber, null);
        }
        packages.replaceAll((policy, none) -> awaitCrmEvents(policy, 1).get(0).path("packageId").asText());

        MAIL.stop();
        long outageEnd = System.nanoTime() + outage.toNanos();
        int fired = 0;
        List<String> policies = new ArrayList<>(packages.keySet());
        try {
            // callback traffic spread over the outage: a help request and a decline per transaction
            for (int round = 0; round < 2; round++) {
                for (String policy : policies) {
                    String event = round == 0 ? "COBROWSE_REQUEST" : "PACKAGE_DECLINE";
                    assertThat(SIMULATOR.fireCallback(packages.get(policy), event,
                            Map.of("sessionUser", "signer1", "message", "outage round " + round, "phone", "+15145550100")))
                            .isEqualTo(200);
                    fired++;
                }
                pace(outage.dividedBy(3)); // spread the traffic over the outage
            }
            await().atMost(outage.plusSeconds(30)).until(() -> System.nanoTime() >= outageEnd);
        } finally {
            MAIL.startAgain();
        }
        int expected = fired;
        List<MimeMessage> delivered = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> mailsFor(policies), m -> m.size() >= expected);
        // stays exactly at the expected count: no late duplicate
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> mailsFor(policies).size() == expected);
        int received = mailsFor(policies).size();
        System.out.printf("RELIABILITY scenario=f outage_s=%d callbacks=%d emails_expected=%d emails_delivered=%d lost=%d"
                + " duplicates=%d%n", outage.toSeconds(), fired, expected, received, Math.max(0, expected - received),
                Math.max(0, received - expected));
        assertThat(delivered).hasSize(expected);
        assertThat(received).isEqualTo(expected);
    }

    /** Deliberate pacing of the scenario (not a wait for a result). */
    private static void pace(Duration pause) {
        await().pollDelay(pause).atMost(pause.plusSeconds(1)).until(() -> true);
    }

    private List<MimeMessage> mailsFor(List<String> policies) {
        return MAIL.received().stream().filter(m -> {
            try {
                String subject = m.getSubject();
                return policies.stream().anyMatch(subject::contains);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
