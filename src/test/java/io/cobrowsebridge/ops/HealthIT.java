package io.cobrowsebridge.ops;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.simulator.FaultRule;
import io.cobrowsebridge.support.Actuator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Liveness and readiness over HTTP while OneSpan and SMTP fail for real (simulator faults, GreenMail stopped). */
class HealthIT extends IntegrationTest {

    private Actuator actuator;

    @BeforeEach
    void actuator() {
        actuator = new Actuator(baseUrl());
    }

    @Test
    void healthListsKafkaOneSpanAndSmtpAndTheProbeGroups() throws Exception {
        JsonNode health = await().atMost(WAIT).until(() -> JSON.readTree(actuator.get("/actuator/health").body()),
                h -> "UP".equals(h.path("status").asText()));
        for (String component : new String[] {"kafka", "oneSpan", "smtp"}) {
            assertThat(health.at("/components/" + component + "/status").asText()).as(component).isEqualTo("UP");
        }
        assertThat(health.path("groups").toString()).contains("liveness", "readiness");
        JsonNode readiness = JSON.readTree(actuator.get("/actuator/health/readiness").body());
        assertThat(readiness.path("components").fieldNames()).toIterable()
                .contains("kafka", "oneSpan", "smtp", "readinessState");
        JsonNode liveness = JSON.readTree(actuator.get("/actuator/health/liveness").body());
        assertThat(liveness.path("components").fieldNames()).toIterable()
                .contains("livenessState").doesNotContain("kafka", "oneSpan", "smtp");
    }

    @Test
    void oneSpanDownMeansNotReadyButAlive() throws Exception {
        awaitReadiness(200);
        int checksBefore = SIMULATOR.requestCount("GET", "/api/packages");
        SIMULATOR.addFault(FaultRule.status("GET", "/api/packages", 503));

        HttpResponse<String> readiness = awaitReadiness(503);
        assertThat(JSON.readTree(readiness.body()).at("/components/oneSpan/status").asText()).isEqualTo("DOWN");
        assertThat(actuator.status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(actuator.status("/actuator/health")).isEqualTo(503);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(actuator.scrape().value("cobrowse_bridge_ready")).isZero();
            assertThat(actuator.scrape().value("cobrowse_bridge_dependency_up", "dependency=\"onespan\"")).isZero();
        });
        // probes do not reach OneSpan: it sees one check per interval (500 ms here), not one per health request
        int checks = SIMULATOR.requestCount("GET", "/api/packages");
        assertThat(checks).isGreaterThan(checksBefore);
        for (int i = 0; i < 50; i++) {
            assertThat(actuator.status("/actuator/health/readiness")).isEqualTo(503);
        }
        assertThat(SIMULATOR.requestCount("GET", "/api/packages") - checks).isLessThan(10);

        SIMULATOR.clearFaults();
        awaitReadiness(200);
        await().atMost(WAIT).until(() -> actuator.scrape().value("cobrowse_bridge_ready") == 1.0);
    }

    @Test
    void smtpDownMeansNotReadyAndFailedAttemptsAreCounted() {
        oneSpanCallbackTarget();
        String policyNumber = newPolicyNumber();
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        String packageId = awaitCrmEvents(policyNumber, 1).get(0).path("packageId").asText();
        awaitReadiness(200);
        double failedBefore = actuator.scrape().value("cobrowse_bridge_emails_total", "outcome=\"failed\"");
        double sentBefore = actuator.scrape().value("cobrowse_bridge_emails_total", "outcome=\"sent\"");

        MAIL.stop();
        try {
            assertThat(SIMULATOR.fireCallback(packageId, "PACKAGE_DECLINE", Map.of("sessionUser", "signer1")))
                    .isEqualTo(200);
            awaitReadiness(503);
            await().atMost(WAIT).until(() -> actuator.scrape().value("cobrowse_bridge_emails_total",
                    "outcome=\"failed\"") > failedBefore);
            assertThat(actuator.status("/actuator/health/liveness")).isEqualTo(200);
        } finally {
            MAIL.startAgain();
        }
        awaitReadiness(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> actuator.scrape().value("cobrowse_bridge_emails_total",
                "outcome=\"sent\"") > sentBefore);
    }

    @Test
    void operatorEndpointsAreNotServedOnThePublicPort() {
        assertThat(actuator.status("/actuator/camelroutes")).isEqualTo(404);
        assertThat(actuator.status("/actuator/env")).isEqualTo(404);
        assertThat(actuator.status("/actuator/prometheus")).isEqualTo(200);
        assertThat(actuator.status("/actuator/info")).isEqualTo(200);
    }

    private void oneSpanCallbackTarget() {
        SIMULATOR.registerCallback(baseUrl() + "/onespan/callback", CALLBACK_KEY);
    }

    private HttpResponse<String> awaitReadiness(int status) {
        return await().atMost(WAIT).until(() -> actuator.get("/actuator/health/readiness"),
                r -> r.statusCode() == status);
    }
}
