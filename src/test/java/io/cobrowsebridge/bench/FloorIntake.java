package io.cobrowsebridge.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cobrowsebridge.config.OneSpanProperties;
import io.cobrowsebridge.crm.CrmEvent;
import io.cobrowsebridge.crm.CrmEvents;
import io.cobrowsebridge.intake.DocumentContent;
import io.cobrowsebridge.intake.PolicyEvent;
import io.cobrowsebridge.intake.RawBase64;
import io.cobrowsebridge.intake.ResolvedDocument;
import io.cobrowsebridge.onespan.PackageJsonBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor of the intake benchmark: what a user might hand-write instead of the Camel routes, doing the same work
 * with the same in-flight limit and the same guarantees.
 * <ul>
 *   <li>{@code inflight} plain kafka-clients consumers in one group (as Camel's {@code consumersCount}), each handling
 *       its records one at a time on its own thread: in flight = {@code inflight};</li>
 *   <li>per event the same OneSpan calls as the service, over one pooled HTTP/1.1 {@link HttpClient}: search by
 *       policy number ({@code GET /api/packages?search=}) and multipart create ({@code POST /api/packages}, the
 *       document bytes sent from the decoded array, no copy); with {@code bridge.launch.sender-token-at-intake=true}
 *       also a sender token ({@code POST /api/authenticationTokens/sender}), as the service then does;</li>
 *   <li>the same package JSON ({@link PackageJsonBuilder}), the same launch-URL signature and TRANSACTION_CREATED
 *       JSON ({@link CrmEvent}); TRANSACTION_CREATED is produced and acknowledged (acks=all) before the offset is
 *       committed (asynchronously, once per poll batch: the commit does not hold the next event; a lost commit only
 *       means a replay, which the lookup makes harmless);</li>
 *   <li>the event is parsed once, by data binding, with the document's base64 decoded by the JDK straight from the
 *       record bytes (no intermediate String); required fields are checked by hand.</li>
 * </ul>
 * Not in the floor (the service has it): JSON Schema validation, retries with backoff, dead-letter replay, metrics.
 */
final class FloorIntake implements AutoCloseable {

    private static final String TRANSACTION_CREATED = CrmEvents.TRANSACTION_CREATED;

    private final Map<String, String> config;
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final ObjectReader eventReader = mapper.readerFor(Event.class);
    private final HttpClient http;
    private final KafkaProducer<byte[], byte[]> producer;
    private final PackageJsonBuilder packages;
    private final String api;
    private final String instance;
    private final String authorization;
    private final String topic;
    private final String crmTopic;
    private final String dlqTopic;
    private final boolean senderTokenAtIntake;
    private final String publicBaseUrl;
    private final Duration validity;
    private final Duration responseTimeout = Duration.ofSeconds(10);
    private final ThreadLocal<Mac> macs;
    private final Clock clock = Clock.systemUTC();
    private final List<Thread> workers = new ArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    private volatile boolean running = true;

    private FloorIntake(Map<String, String> config) {
        this.config = config;
        this.instance = config.get("onespan.base-url");
        this.api = instance + "/api";
        this.authorization = "Basic " + config.get("onespan.api-key");
        this.topic = config.getOrDefault("bridge.topics.policy-new", "policy.new");
        this.crmTopic = config.getOrDefault("bridge.topics.crm", "crm.signing-events");
        this.dlqTopic = config.getOrDefault("bridge.topics.policy-dlq", "policy.new.dlq");
        this.senderTokenAtIntake = Boolean.parseBoolean(
                config.getOrDefault("bridge.launch.sender-token-at-intake", "false"));
        this.publicBaseUrl = config.getOrDefault("bridge.launch.public-base-url", "http://localhost:8080");
        this.validity = Duration.ofDays(7);
        byte[] secret = config.get("bridge.launch.secret").getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("camel.component.kafka.brokers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 33554432);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.packages = new PackageJsonBuilder(mapper, new OneSpanProperties(instance, "api-key",
                config.get("onespan.api-key"), null, null, "SENT", true, Duration.ofSeconds(3), responseTimeout));
    }

    static FloorIntake start(Map<String, String> config) {
        FloorIntake floor = new FloorIntake(config);
        int inflight = Integer.parseInt(config.getOrDefault("floor.inflight", "6"));
        for (int i = 0; i < inflight; i++) {
            KafkaConsumer<byte[], byte[]> consumer = floor.consumer();
            floor.consumers.add(consumer);
            Thread worker = new Thread(() -> floor.run(consumer), "floor-intake-" + i);
            floor.workers.add(worker);
            worker.start();
        }
        return floor;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("camel.component.kafka.brokers"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.getOrDefault("floor.group-id", "bench-floor-intake"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void run(KafkaConsumer<byte[], byte[]> consumer) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                    done.clear();
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
        try {
            while (running) {
                Map<TopicPartition, OffsetAndMetadata> batch = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        handle(record);
                    } catch (Exception e) {
                        // not committed: go back to this record and try it again (the lookup finds what was done)
                        System.err.println("floor: " + e + " at " + partition + "@" + record.offset() + ", retrying");
                        consumer.seek(partition, record.offset());
                        sleep(1000);
                        break;
                    }
                    batch.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                if (!batch.isEmpty()) {
                    // every record of the batch is done (its CRM event acknowledged): one commit for the batch
                    consumer.commitAsync(batch, null);
                    done.putAll(batch);
                }
            }
            consumer.commitSync(done);
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** One event: parse, look up, create, (token,) TRANSACTION_CREATED (acknowledged). */
    private void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
        Event event;
        try {
            event = eventReader.withAttribute(RecordBase64.RAW, record.value()).readValue(record.value());
        } catch (IOException e) {
            deadLetter(record, "not a valid new-policy event: " + e.getMessage());
            return;
        }
        String problem = event.problem();
        if (problem != null) {
            deadLetter(record, problem);
            return;
        }
        PolicyEvent policyEvent = event.toPolicyEvent();
        List<ResolvedDocument> documents = event.resolvedDocuments();
        String policyNumber = policyEvent.policyNumber();

        String packageId;
        JsonNode existing = lookup(policyNumber);
        if (existing != null) {
            packageId = existing.path("id").asText();
            if (!policyEvent.eventId().equals(existing.path("data").path("eventId").asText(null))) {
                return; // a duplicate: another event created this policy's transaction
            }
        } else {
            packageId = create(packages.build(policyEvent, documents), documents);
        }
        if (senderTokenAtIntake) {
            String token = post("/authenticationTokens/sender",
                    mapper.writeValueAsBytes(mapper.createObjectNode().put("packageId", packageId)))
                    .path("value").asText();
            String target = instance + "/transaction/" + packageId + "/sign?adHocCobrowsing";
            String cobrowseLink = instance + "/auth?authenticationToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8)
                    + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
            if (cobrowseLink.isEmpty()) {
                throw new IllegalStateException();
            }
        }
        Instant expiresAt = clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
        long exp = expiresAt.getEpochSecond();
        String launchUrl = publicBaseUrl + "/cobrowse/" + packageId + "?exp=" + exp + "&sig=" + sign(packageId, exp);
        PolicyEvent.Agent agent = policyEvent.agent();
        PolicyEvent.Policyholder first = policyEvent.policyholders().get(0);
        CrmEvent crm = new CrmEvent(CrmEvents.stableId(TRANSACTION_CREATED, packageId), TRANSACTION_CREATED,
                clock.instant(), policyNumber, packageId, null,
                new CrmEvent.Party(agent.id(), agent.email(), agent.fullName()),
                new CrmEvent.Party("signer1", first.email(), first.fullName()),
                new CrmEvent.Cobrowse(launchUrl, expiresAt, null, null, null), null);
        producer.send(new ProducerRecord<>(crmTopic, policyNumber.getBytes(StandardCharsets.UTF_8),
                mapper.writeValueAsBytes(crm))).get();
    }

    private JsonNode lookup(String policyNumber) throws IOException, InterruptedException {
        URI uri = URI.create(api + "/packages?search=" + URLEncoder.encode(policyNumber, StandardCharsets.UTF_8)
                + "&from=1&to=100");
        JsonNode page = send(request(uri).GET().build(), "search packages");
        for (JsonNode pkg : page.path("results")) {
            if (policyNumber.equals(pkg.path("data").path("policyNumber").asText(null))) {
                return pkg;
            }
        }
        return null;
    }

    private String create(ObjectNode packageJson, List<ResolvedDocument> documents) throws IOException, InterruptedException {
        String boundary = "floor-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        List<byte[]> parts = new ArrayList<>();
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload\"\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(mapper.writeValueAsBytes(packageJson));
        for (ResolvedDocument doc : documents) {
            parts.add(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + doc.name().replace("\"", "%22") + "\"\r\nContent-Type: " + doc.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            parts.add(doc.content().toByteArray()); // the decoded array itself (DocumentContent.of)
        }
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long length = parts.stream().mapToLong(b -> b.length).sum();
        HttpRequest request = request(URI.create(api + "/packages"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(parts), length))
                .build();
        String id = send(request, "create package").path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IOException("create package: no id");
        }
        return id;
    }

    private JsonNode post(String path, byte[] json) throws IOException, InterruptedException {
        return send(request(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), path);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(responseTimeout)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request, String operation) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IOException(operation + ": HTTP " + response.statusCode());
        }
        return mapper.readTree(response.body());
    }

    private String sign(String packageId, long exp) {
        byte[] digest = macs.get().doFinal((packageId + "\n" + exp).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String detail) throws Exception {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(dlqTopic, record.key(), record.value());
        dead.headers().add("x-error-reason", "INVALID_EVENT".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("x-error-detail", detail.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("x-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("x-original-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("x-original-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(dead).get();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** The event as the floor binds it: documents carry their decoded bytes (Jackson decodes base64 in-stream). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(String eventId, String occurredAt, PolicyEvent.Policy policy,
                 List<PolicyEvent.Policyholder> policyholders, PolicyEvent.Agent agent, List<Document> documents,
                 PolicyEvent.CobrowseOptions cobrowse) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Document(String name, String contentType, @JsonDeserialize(using = RecordBase64.class) byte[] contentBase64,
                        List<PolicyEvent.SignatureField> signatureFields) {
        }

        /** The required fields of design.md, checked by hand; null when the event is usable. */
        String problem() {
            if (blank(eventId)) {
                return "eventId is required";
            }
            if (policy == null || blank(policy.policyNumber())) {
                return "policy.policyNumber is required";
            }
            if (policyholders == null || policyholders.isEmpty()) {
                return "policyholders: at least one is required";
            }
            for (PolicyEvent.Policyholder holder : policyholders) {
                if (holder == null || blank(holder.email()) || blank(holder.firstName()) || blank(holder.lastName())) {
                    return "policyholders: firstName, lastName and email are required";
                }
            }
            if (agent == null || blank(agent.email())) {
                return "agent.email is required";
            }
            if (documents == null || documents.isEmpty()) {
                return "documents: at least one is required";
            }
            for (Document doc : documents) {
                if (doc == null || blank(doc.name()) || doc.contentBase64() == null || doc.contentBase64().length == 0) {
                    return "documents: name and contentBase64 are required";
                }
            }
            return null;
        }

        PolicyEvent toPolicyEvent() {
            List<PolicyEvent.Document> docs = documents.stream().map(d -> new PolicyEvent.Document(d.name(),
                    d.contentType(), null, null, d.signatureFields())).toList();
            return new PolicyEvent(eventId, occurredAt, policy, policyholders, agent, docs, cobrowse);
        }

        List<ResolvedDocument> resolvedDocuments() {
            return documents.stream().map(d -> new ResolvedDocument(d.name(),
                    d.contentType() == null ? "application/pdf" : d.contentType(), DocumentContent.of(d.contentBase64()),
                    d.signatureFields() == null ? List.of() : d.signatureFields())).toList();
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /**
     * A document's base64, decoded with the JDK's decoder straight from the record's bytes (no String, no copy of the
     * text): the parser is only asked where the string starts. Falls back to Jackson's own decoding if the JSON
     * string holds escapes.
     */
    static final class RecordBase64 extends StdDeserializer<byte[]> {
        static final String RAW = "raw-record-bytes";

        RecordBase64() {
            super(byte[].class);
        }

        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (ctxt.getAttribute(RAW) instanceof byte[] raw && p.currentToken() == JsonToken.VALUE_STRING) {
                byte[] decoded = RawBase64.decodeQuoted(raw, p.currentTokenLocation().getByteOffset());
                if (decoded != null) {
                    return decoded;
                }
            }
            return p.getBinaryValue();
        }
    }
}
