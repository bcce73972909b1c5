package io.cobrowsebridge.intake;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static io.cobrowsebridge.support.PolicyEvents.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.simulator.FaultRule;
import io.cobrowsebridge.support.PolicyEvents;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** policy.new to OneSpan transaction to TRANSACTION_CREATED, through the real broker and the simulator over HTTP. */
class PolicyIntakeIT extends IntegrationTest {

    @Test
    void onePolicyholderBecomesOneCobrowseTransactionAndOneCrmEvent() {
        String policyNumber = newPolicyNumber();
        ObjectNode event = event(policyNumber, 1);
        kafka().publish("policy.new", policyNumber, bytes(event));

        JsonNode crm = awaitCrmEvents(policyNumber, 1).get(0);
        String packageId = crm.path("packageId").asText();
        ObjectNode pkg = SIMULATOR.packageJson(packageId).orElseThrow();

        assertThat(pkg.path("name").asText()).contains(policyNumber);
        assertThat(pkg.path("status").asText()).isEqualTo("SENT");
        assertThat(pkg.path("language").asText()).isEqualTo("en");
        assertThat(pkg.path("adHocCobrowsing").asBoolean()).isTrue();
        assertThat(pkg.at("/settings/ceremony/adHocCobrowsingSigner").asBoolean()).isTrue();
        assertThat(pkg.at("/data/policyNumber").asText()).isEqualTo(policyNumber);
        assertThat(pkg.at("/data/eventId").asText()).isEqualTo(event.path("eventId").asText());
        assertThat(pkg.at("/data/agentEmail").asText()).isEqualTo("sam.lee@insurer.example");
        assertThat(pkg.path("roles")).hasSize(1);
        JsonNode role = pkg.path("roles").get(0);
        assertThat(role.path("id").asText()).isEqualTo("signer1");
        assertThat(role.path("type").asText()).isEqualTo("SIGNER");
        assertThat(role.at("/signers/0/email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(pkg.at("/documents/0/extract").asBoolean()).as("no fields given: text-tag extraction").isTrue();
        assertThat(SIMULATOR.documentBytes(packageId, "Policy Application")).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(pdf(policyNumber + "/application")));

        assertThat(crm.path("type").asText()).isEqualTo("TRANSACTION_CREATED");
        assertThat(crm.path("eventId").asText()).isNotBlank();
        assertThat(crm.path("occurredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(crm.path("policyNumber").asText()).isEqualTo(policyNumber);
        assertThat(crm.at("/agent/id").asText()).isEqualTo("A-77");
        assertThat(crm.at("/agent/email").asText()).isEqualTo("sam.lee@insurer.example");
        assertThat(crm.at("/agent/name").asText()).isEqualTo("Sam Lee");
        assertThat(crm.at("/cobrowse/launchUrl").asText())
                .matches("http://localhost:8080/cobrowse/" + java.util.regex.Pattern.quote(packageId) + "\\?exp=\\d+&sig=[A-Za-z0-9_-]+");
        assertThat(crm.at("/cobrowse/launchUrlExpiresAt").asText()).endsWith("Z");

        await().atMost(WAIT).until(() -> kafka().uncommitted(INTAKE_GROUP, "policy.new") == 0);
    }

    @Test
    void twoPolicyholdersAndTwoDocumentsWithSignatureFields() {
        String policyNumber = newPolicyNumber();
        ObjectNode event = event(policyNumber, 2);
        ObjectNode disclosure = PolicyEvents.addDocument(event, "Disclosure Statement", pdf(policyNumber + "/disclosure"));
        disclosure.putArray("signatureFields")
                .add(field(0, 0, 100, 600)).add(field(1, 0, 350, 600)).add(field(1, 1, 100, 200));
        event.putObject("cobrowse").put("signerHelpRequests", false);
        kafka().publish("policy.new", policyNumber, bytes(event));

        String packageId = awaitCrmEvents(policyNumber, 1).get(0).path("packageId").asText();
        ObjectNode pkg = SIMULATOR.packageJson(packageId).orElseThrow();

        assertThat(pkg.at("/settings/ceremony/adHocCobrowsingSigner").asBoolean()).isFalse();
        assertThat(pkg.path("adHocCobrowsing").asBoolean()).isTrue();
        assertThat(pkg.path("roles")).extracting(r -> r.path("id").asText()).containsExactly("signer1", "signer2");
        assertThat(pkg.path("roles")).extracting(r -> r.path("index").asInt()).containsExactly(1, 2);
        assertThat(pkg.at("/roles/1/signers/0/email").asText()).isEqualTo("john.doe@example.com");
        JsonNode doc = pkg.path("documents").get(1);
        assertThat(doc.path("name").asText()).isEqualTo("Disclosure Statement");
        assertThat(doc.path("approvals")).extracting(a -> a.path("role").asText()).containsExactly("signer1", "signer2");
        assertThat(doc.at("/approvals/1/fields")).hasSize(2);
        assertThat(doc.at("/approvals/1/fields/0/type").asText()).isEqualTo("SIGNATURE");
        assertThat(doc.at("/approvals/1/fields/1/page").asInt()).isEqualTo(1);
        assertThat(SIMULATOR.documentBytes(packageId, "Policy Application")).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(pdf(policyNumber + "/application")));
        assertThat(SIMULATOR.documentBytes(packageId, "Disclosure Statement")).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(pdf(policyNumber + "/disclosure")));
    }

    @Test
    void documentGivenByAllowedUrlIsFetched() {
        String policyNumber = newPolicyNumber();
        byte[] content = pdf(policyNumber + "/by-url");
        ObjectNode event = event(policyNumber, 1);
        ObjectNode doc = (ObjectNode) event.path("documents").get(0);
        doc.remove("contentBase64");
        doc.put("url", DOCUMENTS.put("/docs/" + policyNumber + ".pdf", content));
        kafka().publish("policy.new", policyNumber, bytes(event));

        String packageId = awaitCrmEvents(policyNumber, 1).get(0).path("packageId").asText();
        assertThat(SIMULATOR.documentBytes(packageId, "Policy Application")).hasValue(content);
    }

    @Test
    void invalidEventsAreDeadLetteredWithReasonAndTheNextGoodEventIsProcessed() {
        String key = newPolicyNumber(); // one key: every record below lands on the same partition, in order
        Map<String, Consumer<ObjectNode>> breakages = Map.of(
                "policy.policyNumber", e -> ((ObjectNode) e.path("policy")).remove("policyNumber"),
                "email", e -> ((ObjectNode) e.path("policyholders").get(0)).remove("email"),
                "contentBase64", e -> ((ObjectNode) e.path("documents").get(0)).put("contentBase64", "not*base64!"),
                "documents[0].url", e -> {
                    ObjectNode d = (ObjectNode) e.path("documents").get(0);
                    d.remove("contentBase64");
                    d.put("url", DOCUMENTS.url("/private/secret.pdf"));
                });
        int requestsBefore = DOCUMENTS.requests();
        for (var breakage : breakages.values()) {
            ObjectNode bad = event(newPolicyNumber(), 1);
            breakage.accept(bad);
            kafka().publish("policy.new", key, bytes(bad));
        }
        kafka().publish("policy.new", key, "this is not JSON {".getBytes(StandardCharsets.UTF_8));
        kafka().publish("policy.new", key, null);
        ObjectNode good = event(key, 1);
        kafka().publish("policy.new", key, bytes(good));

        awaitCrmEvents(key, 1);
        List<ConsumerRecord<byte[], byte[]>> dead = await().atMost(WAIT).until(
                () -> recordsWithKey("policy.new.dlq", key), r -> r.size() == 6);
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r, "x-error-reason")).isEqualTo("INVALID_EVENT");
            assertThat(header(r, "x-error-route")).isEqualTo("policy-intake");
            assertThat(header(r, "x-original-topic")).isEqualTo("policy.new");
            assertThat(header(r, "x-original-partition")).matches("\\d+");
            assertThat(header(r, "x-original-offset")).matches("\\d+");
        });
        String details = dead.stream().map(r -> header(r, "x-error-detail")).collect(Collectors.joining("\n"));
        breakages.keySet().forEach(field -> assertThat(details).contains(field));
        assertThat(details).contains("JSON", "empty record value");
        assertThat(dead.get(4).value()).as("original bytes, unchanged").isEqualTo("this is not JSON {".getBytes(StandardCharsets.UTF_8));
        assertThat(DOCUMENTS.requests()).as("no request to a URL outside the allow-list").isEqualTo(requestsBefore);
        await().atMost(WAIT).until(() -> kafka().uncommitted(INTAKE_GROUP, "policy.new") == 0);
    }

    @Test
    void aSecondEventForTheSamePolicyCreatesNothing() {
        String policyNumber = newPolicyNumber();
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        awaitCrmEvents(policyNumber, 1);
        int packages = SIMULATOR.packageCount();

        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        String marker = newPolicyNumber(); // same partition as a later good event proves the duplicate was consumed
        kafka().publish("policy.new", policyNumber, bytes(event(marker, 1)));
        awaitCrmEvents(marker, 1);

        assertThat(SIMULATOR.packageCount()).isEqualTo(packages + 1);
        assertThat(crmEvents(policyNumber)).hasSize(1);
        assertThat(SIMULATOR.packages().stream()
                .filter(p -> policyNumber.equals(p.at("/data/policyNumber").asText()))).hasSize(1);
    }

    @Test
    void oneSpanRejectionIsDeadLetteredWithItsMessageKey() {
        String policyNumber = newPolicyNumber();
        SIMULATOR.addFault(FaultRule.status("POST", "/api/packages", 422).withTimes(1));
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));

        List<ConsumerRecord<byte[], byte[]>> dead = await().atMost(WAIT).until(
                () -> recordsWithKey("policy.new.dlq", policyNumber), r -> r.size() == 1);
        assertThat(header(dead.get(0), "x-error-reason")).isEqualTo("ONESPAN_REJECTED");
        assertThat(header(dead.get(0), "x-error-detail")).contains("422").containsPattern("error\\.[A-Za-z.]+");
        assertThat(crmEvents(policyNumber)).isEmpty();
    }

    @Test
    void transientOneSpanFailuresAreRetriedWithoutDuplicates() {
        String policyNumber = newPolicyNumber();
        SIMULATOR.addFault(FaultRule.status("POST", "/api/packages", 503).withTimes(2));
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));

        awaitCrmEvents(policyNumber, 1);
        assertThat(SIMULATOR.packages().stream()
                .filter(p -> policyNumber.equals(p.at("/data/policyNumber").asText()))).hasSize(1);
        assertThat(recordsWithKey("policy.new.dlq", policyNumber)).isEmpty();
    }

    @Test
    void aLargeInlineDocumentIsUploadedIntactAlsoWhenTheUploadIsRetried() {
        String policyNumber = newPolicyNumber();
        byte[] big = new byte[MAX_DOCUMENT_BYTES - 5]; // over stream-above: kept in the record, decoded as sent
        new Random(policyNumber.hashCode()).nextBytes(big);
        System.arraycopy(pdf(policyNumber), 0, big, 0, 16);
        ObjectNode event = event(policyNumber, 1);
        ((ObjectNode) event.path("documents").get(0)).put("contentBase64", Base64.getEncoder().encodeToString(big));
        SIMULATOR.addFault(FaultRule.status("POST", "/api/packages", 503).withTimes(1));
        kafka().publish("policy.new", policyNumber, bytes(event));

        String packageId = awaitCrmEvents(policyNumber, 1).get(0).path("packageId").asText();
        assertThat(SIMULATOR.documentBytes(packageId, "Policy Application")).hasValueSatisfying(
                b -> assertThat(b).isEqualTo(big));
        assertThat(recordsWithKey("policy.new.dlq", policyNumber)).isEmpty();
    }

    private static ObjectNode field(int signer, int page, double left, double top) {
        return JSON.createObjectNode().put("signer", signer).put("page", page)
                .put("left", left).put("top", top).put("width", 200).put("height", 50);
    }
}
