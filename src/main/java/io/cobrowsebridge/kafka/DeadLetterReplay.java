package io.cobrowsebridge.kafka;

import io.cobrowsebridge.config.BridgeProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-publishes dead letters of {@code policy.new.dlq} to {@code policy.new}: all of them, or those of one reason,
 * with their original key and bytes. Each dead letter is replayed at most once, ever: the ids of replayed ones
 * ({@code partition-offset}) are kept in a Kafka topic ({@code cobrowse-bridge.dlq-replayed}), so running the replay
 * twice, or from two instances, re-publishes nothing twice. The intake's one-transaction-per-policy rule makes even a
 * repeated event harmless.
 */
@Component
public class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final CamelContext camel;
    private final BridgeProperties.Topics topics;
    private final String replayedTopic;
    private KafkaIdempotentRepository replayed;

    public DeadLetterReplay(CamelContext camel, BridgeProperties properties, InternalTopics topics) {
        this.camel = camel;
        this.topics = properties.topics();
        this.replayedTopic = properties.topics().dlqReplayed();
    }

    /** What one replay did. */
    public record Result(String reason, int scanned, int matched, int replayed, int alreadyReplayed) {
    }

    /**
     * @param reason an {@code x-error-reason} such as {@code ONESPAN_UNAVAILABLE}, or null / {@code ALL} for every one
     */
    public synchronized Result replay(String reason) {
        boolean all = reason == null || reason.isBlank() || reason.equalsIgnoreCase("ALL");
        Properties consumerProps = consumerProperties();
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Properties producerProps = producerProperties();
        KafkaIdempotentRepository done = replayedRepository();
        int scanned = 0;
        int matched = 0;
        int republished = 0;
        int skipped = 0;
        try (var consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.policyDlq(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // arrived after the replay started
                    }
                    scanned++;
                    if (!all && !reason.equals(header(record, "x-error-reason"))) {
                        continue;
                    }
                    matched++;
                    String id = record.partition() + "-" + record.offset();
                    if (done.contains(id)) {
                        skipped++;
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topics.policyNew(), record.key(), record.value());
                    again.headers().add("x-replayed-from", (record.topic() + "-" + id).getBytes(StandardCharsets.UTF_8));
                    producer.send(again).get();
                    done.add(id);
                    republished++;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay stopped: publishing to " + topics.policyNew() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
        Result result = new Result(all ? "ALL" : reason, scanned, matched, republished, skipped);
        log.info("Dead-letter replay: {}", result);
        return result;
    }

    private KafkaIdempotentRepository replayedRepository() {
        if (replayed == null) {
            replayed = new KafkaIdempotentRepository(replayedTopic, consumerProperties(), producerProperties());
            try {
                camel.addService(replayed, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("replay log " + replayedTopic + " unavailable", e);
            }
        }
        return replayed;
    }

    /** The Kafka component's client settings (brokers, security), so the replay talks to Kafka like the routes do. */
    private Properties consumerProperties() {
        KafkaConfiguration config = camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Properties props = config.createConsumerProperties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.getBrokers());
        return props;
    }

    private Properties producerProperties() {
        KafkaConfiguration config = camel.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Properties props = config.createProducerProperties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.getBrokers());
        return props;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
