package io.cobrowsebridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowsebridge.support.PolicyEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * New-policy events of the benchmark: design.md's event (one policyholder, one agent) carrying one PDF of the given
 * size, built from a template so the harness spends little CPU on them.
 */
final class BenchEvents {

    private final byte[] head;
    private final byte[] middle;
    private final byte[] tail;
    private final int documentBytes;

    BenchEvents(int documentBytes) {
        this.documentBytes = documentBytes;
        byte[] pdf = new byte[documentBytes];
        new Random(7).nextBytes(pdf);
        byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, pdf, 0, header.length);
        System.arraycopy(trailer, 0, pdf, pdf.length - trailer.length, trailer.length);
        ObjectNode event = PolicyEvents.event("@@PN@@", 1);
        event.put("eventId", "@@EID@@");
        ((ObjectNode) event.get("documents").get(0)).put("contentBase64", "@@DOC@@");
        String json = event.toString();
        int doc = json.indexOf("@@DOC@@");
        String before = json.substring(0, doc);
        this.head = before.substring(0, before.indexOf("@@EID@@")).getBytes(StandardCharsets.UTF_8);
        String rest = before.substring(before.indexOf("@@EID@@") + 7);
        this.middle = rest.getBytes(StandardCharsets.UTF_8); // still holds @@PN@@
        this.tail = json.substring(doc + 7).getBytes(StandardCharsets.UTF_8);
        this.base64 = Base64.getEncoder().encode(pdf);
    }

    private final byte[] base64;

    int documentBytes() {
        return documentBytes;
    }

    /** The event's JSON bytes. */
    byte[] event(String policyNumber, String eventId) {
        byte[] mid = new String(middle, StandardCharsets.UTF_8).replace("@@PN@@", policyNumber)
                .getBytes(StandardCharsets.UTF_8);
        byte[] eid = eventId.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + eid.length + mid.length + base64.length + tail.length];
        int at = 0;
        for (byte[] part : new byte[][] {head, eid, mid, base64, tail}) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    static String eventId() {
        return UUID.randomUUID().toString();
    }

    /**
     * {@code n} policy numbers spread evenly over {@code partitions} partitions by the default partitioner
     * (murmur2 of the key), interleaved: partition skew would otherwise decide the run's last event (the busiest
     * partition finishes last) and add noise unrelated to the system under test.
     */
    static List<String> policyNumbers(String prefix, int n, int partitions) {
        List<List<String>> buckets = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            buckets.add(new ArrayList<>());
        }
        int perPartition = (n + partitions - 1) / partitions;
        for (int i = 0; buckets.stream().anyMatch(b -> b.size() < perPartition); i++) {
            String key = prefix + "-" + i;
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (buckets.get(partition).size() < perPartition) {
                buckets.get(partition).add(key);
            }
        }
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; keys.size() < n; i++) {
            keys.add(buckets.get(i % partitions).get(i / partitions));
        }
        return keys;
    }
}
