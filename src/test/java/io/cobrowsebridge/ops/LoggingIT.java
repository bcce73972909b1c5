package io.cobrowsebridge.ops;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.support.Actuator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console log of one policy's whole journey (intake, callback, e-mail, launch): each route's lines carry
 * policyNumber and packageId from the MDC ("[policyNumber|packageId]" in readable mode), and no line carries the API
 * key, a callback key, the launch secret, a sender token or document content.
 */
class LoggingIT extends IntegrationTest {

    @Test
    void routesLogPolicyAndPackageFromTheMdcAndNeverASecret() {
        SIMULATOR.registerCallback(baseUrl() + "/onespan/callback", CALLBACK_KEY);
        String policyNumber = newPolicyNumber();
        ObjectNode event = event(policyNumber, 1);
        kafka().publish("policy.new", policyNumber, bytes(event));
        JsonNode created = awaitCrmEvents(policyNumber, 1).get(0);
        String packageId = created.path("packageId").asText();
        assertThat(SIMULATOR.fireCallback(packageId, "COBROWSE_REQUEST", Map.of("sessionUser", "signer1")))
                .isEqualTo(200);
        URI launch = URI.create(created.at("/cobrowse/launchUrl").asText());
        assertThat(new Actuator(baseUrl()).status(launch.getRawPath() + "?" + launch.getRawQuery())).isEqualTo(302);
        await().atMost(WAIT).until(() -> LOGS.text().contains("Agent e-mailed: COBROWSE_REQUESTED policyNumber=" + policyNumber));

        String both = "[" + policyNumber + "|" + packageId + "] ";
        List<String> lines = LOGS.text().lines().filter(l -> l.contains(packageId) || l.contains(policyNumber))
                .distinct().toList();
        assertThat(lines).filteredOn(l -> l.contains("Transaction created:")).singleElement().asString()
                .contains("[" + policyNumber + "|] ");
        // a stored callback has no INFO line of its own (its routing below has one); any other line carries the MDC
        assertThat(lines).filteredOn(l -> l.contains("callback-intake"))
                .allSatisfy(l -> assertThat(l).contains("[|" + packageId + "] "));
        assertThat(lines).filteredOn(l -> l.contains("Callback COBROWSE_REQUEST routed")).singleElement().asString()
                .contains("[|" + packageId + "] ");
        assertThat(lines).filteredOn(l -> l.contains("Agent e-mailed")).singleElement().asString().contains(both);
        assertThat(lines).filteredOn(l -> l.contains("Co-browse session launched")).hasSize(1);

        String all = LOGS.text();
        assertThat(all).doesNotContain(API_KEY, CALLBACK_KEY, NEXT_CALLBACK_KEY, LAUNCH_SECRET,
                event.at("/documents/0/contentBase64").asText(), "cobrowse-bridge test document");
        SIMULATOR.issuedTokens().forEach(token -> assertThat(all).doesNotContain(token));
    }
}
