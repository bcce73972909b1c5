package io.cobrowsebridge.callback;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowsebridge.IntegrationTest;
import io.cobrowsebridge.onespan.OneSpanClient;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** OneSpan callbacks: HTTP intake, Kafka hand-off, dispatch to the CRM topic and to the agent's mailbox (GreenMail). */
class CallbackIT extends IntegrationTest {

    private static final String AGENT = "sam.lee@insurer.example";
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    OneSpanClient oneSpan;

    private String policyNumber;
    private String packageId;

    @BeforeEach
    void transactionWithRegisteredCallback() {
        oneSpan.registerCallback(baseUrl() + "/onespan/callback", CALLBACK_KEY, List.of("COBROWSE_REQUEST"));
        policyNumber = newPolicyNumber();
        kafka().publish("policy.new", policyNumber, bytes(event(policyNumber, 1)));
        packageId = awaitCrmEvents(policyNumber, 1).get(0).path("packageId").asText();
    }

    @Test
    void cobrowseRequestReachesTheCrmAndTheAgentsMailbox() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sessionUser", "signer1");
        extra.put("phone", "+1 514 555 0100");
        extra.put("comment", "I don't understand <b>section 4</b> & the beneficiary part");
        extra.put("selectedSupportBusinessHours", List.of("Morning - 9AM to 12PM ((GMT 0:00) GMT)",
                "Evening - 5PM to 8PM ((GMT 0:00) GMT)"));
        assertThat(SIMULATOR.fireCallback(packageId, "COBROWSE_REQUEST", extra)).isEqualTo(200);

        JsonNode crm = awaitType("COBROWSE_REQUESTED");
        assertThat(crm.path("onespanEvent").asText()).isEqualTo("COBROWSE_REQUEST");
        assertThat(crm.path("packageId").asText()).isEqualTo(packageId);
        assertThat(crm.at("/agent/email").asText()).isEqualTo(AGENT);
        assertThat(crm.at("/signer/id").asText()).isEqualTo("signer1");
        assertThat(crm.at("/signer/email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(crm.at("/signer/name").asText()).isEqualTo("Jane Doe");
        assertThat(crm.at("/cobrowse/phone").asText()).isEqualTo("+1 514 555 0100");
        assertThat(crm.at("/cobrowse/comment").asText()).isEqualTo("I don't understand <b>section 4</b> & the beneficiary part");
        assertThat(crm.at("/cobrowse/availability")).hasSize(2);
        assertThat(crm.at("/cobrowse/launchUrl").asText()).contains("/cobrowse/" + packageId + "?exp=");
        assertThat(crm.at("/cobrowse/launchUrlExpiresAt").asText()).endsWith("Z");

        MimeMessage mail = awaitMail("Co-browse help requested").get(0);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(AGENT);
        assertThat(mail.getSubject()).contains(policyNumber).contains("Jane Doe");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains("+1 514 555 0100", "I don't understand <b>section 4</b> & the beneficiary part",
                "Morning - 9AM to 12PM ((GMT 0:00) GMT)", "Evening - 5PM to 8PM", crm.at("/cobrowse/launchUrl").asText(),
                policyNumber, "Jane Doe");
        assertThat(html).contains("+1 514 555 0100", "&lt;b&gt;section 4&lt;/b&gt; &amp; the beneficiary",
                "Morning - 9AM to 12PM", crm.at("/cobrowse/launchUrl").asText().replace("&", "&amp;").replace("=", "&#61;"))
                .doesNotContain("<b>section 4</b>");
    }

    @Test
    void everyOneSpanEventIsMappedAndOnlyTheConfiguredOnesAreEmailed() throws Exception {
        fire("SIGNER_COMPLETE", Map.of("sessionUser", "signer1"));
        fire("DOCUMENT_SIGNED", Map.of("sessionUser", "signer1", "documentId", "doc-1"));
        fire("PACKAGE_DECLINE", Map.of("sessionUser", "signer1", "message", "Premium is wrong"));
        fire("PACKAGE_OPT_OUT", Map.of("sessionUser", "signer1", "message", "Prefer paper"));
        fire("PACKAGE_EXPIRE", Map.of());
        fire("EMAIL_BOUNCE", Map.of("sessionUser", "signer1", "message", "BOUNCE"));
        fire("PACKAGE_COMPLETE", Map.of());
        fire("KBA_FAILURE", Map.of("sessionUser", "signer1"));
        fire("SOMETHING_NEW_FROM_ONESPAN", Map.of());

        await().atMost(WAIT).until(() -> crmEvents(policyNumber).size() >= 10);
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        crmEvents(policyNumber).forEach(e -> byType.put(e.path("type").asText() + "/" + e.path("onespanEvent").asText(), e));
        assertThat(byType.keySet()).containsExactlyInAnyOrder("TRANSACTION_CREATED/",
                "SIGNER_COMPLETED/SIGNER_COMPLETE", "DOCUMENT_SIGNED/DOCUMENT_SIGNED",
                "TRANSACTION_DECLINED/PACKAGE_DECLINE", "TRANSACTION_OPTED_OUT/PACKAGE_OPT_OUT",
                "TRANSACTION_EXPIRED/PACKAGE_EXPIRE", "EMAIL_BOUNCED/EMAIL_BOUNCE",
                "TRANSACTION_COMPLETED/PACKAGE_COMPLETE", "ONESPAN_EVENT/KBA_FAILURE",
                "ONESPAN_EVENT/SOMETHING_NEW_FROM_ONESPAN");
        assertThat(byType.get("TRANSACTION_DECLINED/PACKAGE_DECLINE").path("detail").asText()).isEqualTo("Premium is wrong");
        assertThat(byType.get("TRANSACTION_OPTED_OUT/PACKAGE_OPT_OUT").path("detail").asText()).isEqualTo("Prefer paper");
        assertThat(byType.get("EMAIL_BOUNCED/EMAIL_BOUNCE").path("detail").asText()).isEqualTo("BOUNCE");
        assertThat(byType.get("SIGNER_COMPLETED/SIGNER_COMPLETE").at("/signer/email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(byType.values()).allSatisfy(e -> {
            assertThat(e.path("eventId").asText()).isNotBlank();
            assertThat(e.path("occurredAt").asText()).endsWith("Z");
            assertThat(e.path("policyNumber").asText()).isEqualTo(policyNumber);
            assertThat(e.path("packageId").asText()).isEqualTo(packageId);
            assertThat(e.at("/agent/email").asText()).isEqualTo(AGENT);
        });
        assertThat(byType.values().stream().map(e -> e.path("eventId").asText()).distinct()).hasSize(10);

        List<MimeMessage> mails = await().atMost(WAIT).until(this::mailsForPolicy, m -> m.size() >= 5);
        List<String> subjects = mails.stream().map(this::subject).toList();
        assertThat(subjects).hasSize(5).allSatisfy(s -> assertThat(s).contains(policyNumber));
        assertThat(String.join("\n", subjects)).contains("declined", "opted out", "expired", "bounced", "completed");
        MimeMessage declined = mails.stream().filter(m -> subject(m).contains("declined")).findFirst().orElseThrow();
        assertThat(part(declined, "text/plain")).contains("Premium is wrong");
    }

    @Test
    void aRepeatedDeliveryIsRoutedOnce() throws Exception {
        String body = "{\"@class\":\"com.silanis.esl.packages.event.ESLProcessEvent\",\"name\":\"PACKAGE_DECLINE\","
                + "\"sessionUser\":\"signer1\",\"packageId\":\"" + packageId + "\",\"message\":\"Not today\","
                + "\"documentId\":null,\"createdDate\":\"2026-12-04T10:20:00.123Z\"}";
        HttpResponse<String> stored = post(body, CALLBACK_KEY);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo("{\"status\":\"stored\"}");
        assertThat(stored.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(stored.headers().firstValue("Content-Length")).as("not chunked").hasValue("19");
        assertThat(stored.headers().firstValue("X-Content-Type-Options")).as("a machine door: no browser headers")
                .isEmpty();
        assertThat(post(body, NEXT_CALLBACK_KEY).statusCode()).as("second key of a rotation").isEqualTo(200);
        fire("PACKAGE_EXPIRE", Map.of()); // a later notification: once it is routed, the repeat was consumed

        await().atMost(WAIT).until(() -> crmEvents(policyNumber).stream()
                .anyMatch(e -> e.path("type").asText().equals("TRANSACTION_EXPIRED")));
        assertThat(crmEvents(policyNumber).stream().filter(e -> e.path("type").asText().equals("TRANSACTION_DECLINED")))
                .hasSize(1);
        await().atMost(WAIT).until(() -> mailsForPolicy().size() >= 2);
        assertThat(mailsForPolicy().stream().filter(m -> subject(m).contains("declined"))).hasSize(1);
    }

    @Test
    void badRequestsAreRefusedAndNothingIsStored() throws Exception {
        int stored = kafka().readAll("onespan.callbacks").size();
        String valid = "{\"name\":\"PACKAGE_COMPLETE\",\"packageId\":\"" + packageId + "\"}";

        assertThat(post(valid, "wrong-key").statusCode()).isEqualTo(401);
        assertThat(post(valid, null).statusCode()).isEqualTo(401);
        assertThat(post(valid, CALLBACK_KEY + "x").statusCode()).isEqualTo(401);
        assertThat(post("{\"name\":\"PACKAGE_COMPLETE\",\"packageId\":\"" + packageId + "\",\"pad\":\""
                + "x".repeat(70 * 1024) + "\"}", CALLBACK_KEY).statusCode()).isEqualTo(413);
        assertThat(post("not json", CALLBACK_KEY).statusCode()).isEqualTo(400);
        assertThat(post("[1,2]", CALLBACK_KEY).statusCode()).isEqualTo(400);
        assertThat(post("{\"packageId\":\"" + packageId + "\"}", CALLBACK_KEY).statusCode()).isEqualTo(400);
        assertThat(post("{\"name\":\"PACKAGE_COMPLETE\"}", CALLBACK_KEY).statusCode()).isEqualTo(400);
        assertThat(post("{\"name\":\"X\",\"packageId\":\"" + "p".repeat(256) + "\"}", CALLBACK_KEY).statusCode())
                .isEqualTo(400);
        assertThat(postAs("application/x-www-form-urlencoded", "{}", "wrong-key").statusCode())
                .as("a form content type changes nothing").isEqualTo(401);
        assertThat(postAs("application/x-www-form-urlencoded", "a=b&c", CALLBACK_KEY).statusCode()).isEqualTo(400);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/onespan/callback")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        assertThat(kafka().readAll("onespan.callbacks")).hasSize(stored);
    }

    @Test
    void aCallbackForAnUnknownPackageIsDeadLetteredAndDoesNotBlockTheNextOne() throws Exception {
        String unknown = "UnknownPackage0000000000000=";
        String notAnId = "../../etc/passwd";
        assertThat(post("{\"name\":\"PACKAGE_COMPLETE\",\"packageId\":\"" + unknown + "\"}", CALLBACK_KEY).statusCode())
                .as("accepted: OneSpan would not resend it").isEqualTo(200);
        assertThat(post("{\"name\":\"PACKAGE_COMPLETE\",\"packageId\":\"" + notAnId + "\"}", CALLBACK_KEY).statusCode())
                .isEqualTo(200);
        fire("PACKAGE_COMPLETE", Map.of());

        awaitType("TRANSACTION_COMPLETED");
        var dead = await().atMost(WAIT).until(() -> recordsWithKey("onespan.callbacks.dlq", unknown), d -> d.size() == 1);
        assertThat(header(dead.get(0), "x-error-reason")).isEqualTo("UNKNOWN_PACKAGE");
        assertThat(header(dead.get(0), "x-error-route")).isEqualTo("callback-dispatch");
        assertThat(header(dead.get(0), "x-original-topic")).isEqualTo("onespan.callbacks");
        var deadToo = await().atMost(WAIT).until(() -> recordsWithKey("onespan.callbacks.dlq", notAnId), d -> d.size() == 1);
        assertThat(header(deadToo.get(0), "x-error-reason")).isEqualTo("UNKNOWN_PACKAGE");
    }

    @Test
    void anEmailIsDeliveredAfterSmtpComesBack() throws Exception {
        MAIL.stop();
        try {
            fire("PACKAGE_DECLINE", Map.of("sessionUser", "signer1", "message", "Sent while SMTP was down"));
            awaitType("TRANSACTION_DECLINED"); // the CRM event does not wait for SMTP
            await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT)
                    .until(() -> kafka().uncommitted("cobrowse-bridge-agent-email", "cobrowse-bridge.agent-emails") > 0);
        } finally {
            MAIL.startAgain();
        }
        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(this::mailsForPolicy, m -> !m.isEmpty()).get(0);
        assertThat(part(mail, "text/plain")).contains("Sent while SMTP was down");
    }

    private void fire(String event, Map<String, Object> extra) {
        assertThat(SIMULATOR.fireCallback(packageId, event, extra)).isEqualTo(200);
    }

    private HttpResponse<String> post(String body, String key) throws Exception {
        return postAs("application/json; charset=utf-8", body, key);
    }

    private HttpResponse<String> postAs(String contentType, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/onespan/callback"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Basic " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitType(String type) {
        return await().atMost(WAIT).until(() -> crmEvents(policyNumber).stream()
                .filter(e -> e.path("type").asText().equals(type)).toList(), l -> !l.isEmpty()).get(0);
    }

    private List<MimeMessage> awaitMail(String subjectPart) {
        return await().atMost(WAIT).until(() -> mailsForPolicy().stream()
                .filter(m -> subject(m).contains(subjectPart)).toList(), l -> !l.isEmpty());
    }

    private List<MimeMessage> mailsForPolicy() {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : MAIL.received()) {
            if (subject(m).contains(policyNumber)) {
                mails.add(m);
            }
        }
        return mails;
    }

    private String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of the first part of the given MIME type, searching nested multiparts. */
    private static String part(jakarta.mail.Part message, String mimeType) throws Exception {
        if (message.isMimeType(mimeType)) {
            return message.getContent().toString();
        }
        if (message.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
