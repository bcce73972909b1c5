package io.cobrowsebridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One intake run: publishes events to the intake topic (all at once, or at a fixed rate) and watches the CRM topic
 * for their TRANSACTION_CREATED (and the dead-letter topic, so a failure shows instead of a hang). Times come from
 * the records themselves: the event's timestamp is set when the harness hands it to its producer, the CRM event's
 * is the CreateTime given by the system under test's producer.
 */
final class IntakeRun {

    record Result(int events, double eventsPerSecond, long[] latenciesMs, Map<String, String> packageIds,
                  int deadLetters, int repeatedCrmEvents, double seconds) {

        long percentile(double p) {
            return Stats.percentile(latenciesMs, p);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String brokers;
    private final String topic;
    private final String crmTopic;
    private final String dlqTopic;

    IntakeRun(String brokers, String topic, String crmTopic, String dlqTopic) {
        this.brokers = brokers;
        this.topic = topic;
        this.crmTopic = crmTopic;
        this.dlqTopic = dlqTopic;
    }

    /** {@code ratePerSecond} 0 = everything at once. */
    Result run(BenchEvents events, List<String> policyNumbers, double ratePerSecond, Duration timeout)
            throws Exception {
        int n = policyNumbers.size();
        Map<String, Long> produced = new ConcurrentHashMap<>();
        Map<String, Long> latencies = new ConcurrentHashMap<>();
        Map<String, String> packageIds = new ConcurrentHashMap<>();
        AtomicLong firstProduce = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastCrm = new AtomicLong();
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        int deadLetters = 0;
        int repeated = 0;

        try (KafkaConsumer<byte[], byte[]> watcher = watcher(); KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : List.of(crmTopic, dlqTopic)) {
                watcher.partitionsFor(t, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
            }
            watcher.assign(partitions);
            watcher.seekToEnd(partitions);
            partitions.forEach(watcher::position); // fix the start before anything is produced

            Thread publisher = new Thread(() -> {
                try {
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        if (ratePerSecond > 0) {
                            long due = start + (long) (i * 1e9 / ratePerSecond);
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        String key = policyNumbers.get(i);
                        byte[] value = events.event(key, BenchEvents.eventId());
                        long now = System.currentTimeMillis();
                        produced.put(key, now);
                        firstProduce.accumulateAndGet(now, Math::min);
                        producer.send(new ProducerRecord<>(topic, null, now, key.getBytes(StandardCharsets.UTF_8), value),
                                (metadata, e) -> {
                                    if (e != null) {
                                        producerFailure.compareAndSet(null, e);
                                    }
                                });
                    }
                    producer.flush();
                } catch (Exception e) {
                    producerFailure.compareAndSet(null, e);
                }
            }, "bench-publisher");
            publisher.start();

            long deadline = System.nanoTime() + timeout.toNanos();
            while (latencies.size() + deadLetters < n) {
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("publishing failed", producerFailure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after " + timeout + ": " + latencies.size() + " of " + n
                            + " TRANSACTION_CREATED, " + deadLetters + " dead letters");
                }
                for (ConsumerRecord<byte[], byte[]> record : watcher.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    Long sent = produced.get(key);
                    if (sent == null) {
                        continue;
                    }
                    if (record.topic().equals(dlqTopic)) {
                        deadLetters++;
                        continue;
                    }
                    JsonNode crm = JSON.readTree(record.value());
                    if (!"TRANSACTION_CREATED".equals(crm.path("type").asText())) {
                        continue;
                    }
                    if (latencies.putIfAbsent(key, record.timestamp() - sent) != null) {
                        repeated++;
                        continue;
                    }
                    packageIds.put(key, crm.path("packageId").asText());
                    lastCrm.accumulateAndGet(record.timestamp(), Math::max);
                }
            }
            publisher.join();
        }
        long[] sorted = latencies.values().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double seconds = (lastCrm.get() - firstProduce.get()) / 1000.0;
        return new Result(n, latencies.size() / seconds, sorted, packageIds, deadLetters, repeated, seconds);
    }

    private KafkaConsumer<byte[], byte[]> watcher() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
