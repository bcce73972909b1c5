package io.cobrowsebridge.intake;

import static io.cobrowsebridge.support.PolicyEvents.bytes;
import static io.cobrowsebridge.support.PolicyEvents.event;
import static io.cobrowsebridge.support.PolicyEvents.newPolicyNumber;
import static io.cobrowsebridge.support.PolicyEvents.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.IntegrationTest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Documents given by URL cannot be used to reach anything but the allow-list (here {@code http://127.0.0.1:<port>/docs/}):
 * no other loopback service, no redirect elsewhere, no other scheme, and no document larger than the cap.
 */
class DocumentFetchIT extends IntegrationTest {

    @Test
    void aLoopbackUrlOutsideTheAllowListIsRefusedWithoutAnyRequest() {
        String policyNumber = newPolicyNumber();
        String probe = SIMULATOR.baseUrl().replace("localhost", "127.0.0.1") + "/ssrf-probe/" + policyNumber;

        ConsumerRecord<byte[], byte[]> dead = deadLetterFor(policyNumber, probe);

        assertThat(header(dead, "x-error-reason")).isEqualTo("INVALID_EVENT");
        assertThat(header(dead, "x-error-detail")).contains("documents[0].url", "not under an allowed base URL");
        assertThat(SIMULATOR.requestCount("*", "/ssrf-probe/")).as("no request made").isZero();
    }

    @Test
    void aRedirectFromAnAllowedUrlIsNotFollowed() {
        String policyNumber = newPolicyNumber();
        String target = "/private/" + policyNumber + ".pdf";
        DOCUMENTS.put(target, pdf(policyNumber));
        String moved = DOCUMENTS.redirect("/docs/" + policyNumber + "-moved.pdf", DOCUMENTS.url(target));

        ConsumerRecord<byte[], byte[]> dead = deadLetterFor(policyNumber, moved);

        assertThat(header(dead, "x-error-reason")).isEqualTo("DOCUMENT_UNAVAILABLE");
        assertThat(header(dead, "x-error-detail")).contains("HTTP 302", "redirects are not followed");
        assertThat(DOCUMENTS.requests("/docs/" + policyNumber + "-moved.pdf")).isEqualTo(1);
        assertThat(DOCUMENTS.requests(target)).as("redirect target never requested").isZero();
        assertThat(crmEvents(policyNumber)).isEmpty();
    }

    @Test
    void fileAndJarUrlsAreRefused() {
        for (String url : List.of("file:///etc/passwd", "jar:file:/tmp/x.jar!/secret.pdf", "ftp://127.0.0.1/docs/a.pdf",
                "FILE:/etc/hosts")) {
            String policyNumber = newPolicyNumber();
            ConsumerRecord<byte[], byte[]> dead = deadLetterFor(policyNumber, url);
            assertThat(header(dead, "x-error-reason")).as(url).isEqualTo("INVALID_EVENT");
            assertThat(header(dead, "x-error-detail")).as(url).contains("documents[0].url");
        }
    }

    @Test
    void aDocumentOverTheCapIsDeadLetteredWithoutBeingLoadedWhole() {
        String declared = newPolicyNumber();
        String big = DOCUMENTS.put("/docs/" + declared + "-big.pdf", new byte[MAX_DOCUMENT_BYTES + 1]);
        ConsumerRecord<byte[], byte[]> refusedUnread = deadLetterFor(declared, big);
        assertThat(header(refusedUnread, "x-error-reason")).isEqualTo("INVALID_EVENT");
        assertThat(header(refusedUnread, "x-error-detail")).contains("larger than " + MAX_DOCUMENT_BYTES);

        String undeclared = newPolicyNumber();
        long endless = 512L * 1024 * 1024;
        String stream = DOCUMENTS.stream("/docs/" + undeclared + "-stream.pdf", endless);
        ConsumerRecord<byte[], byte[]> refusedAtCap = deadLetterFor(undeclared, stream);
        assertThat(header(refusedAtCap, "x-error-reason")).isEqualTo("INVALID_EVENT");
        assertThat(header(refusedAtCap, "x-error-detail")).contains("larger than " + MAX_DOCUMENT_BYTES);
        assertThat(DOCUMENTS.streamedBytes()).as("reading stopped near the cap (plus socket buffers)")
                .isLessThan(64L * 1024 * 1024);
        assertThat(crmEvents(declared)).isEmpty();
        assertThat(crmEvents(undeclared)).isEmpty();
    }

    /** Publishes an event whose only document is {@code url} and waits for its dead letter. */
    private ConsumerRecord<byte[], byte[]> deadLetterFor(String policyNumber, String url) {
        ObjectNode event = event(policyNumber, 1);
        ObjectNode doc = (ObjectNode) event.path("documents").get(0);
        doc.remove("contentBase64");
        doc.put("url", url);
        kafka().publish("policy.new", policyNumber, bytes(event));
        return await().atMost(WAIT).until(() -> recordsWithKey("policy.new.dlq", policyNumber), r -> r.size() == 1).get(0);
    }
}
