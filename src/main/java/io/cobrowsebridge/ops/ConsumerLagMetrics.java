package io.cobrowsebridge.ops;

import io.cobrowsebridge.config.BridgeProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code cobrowse_bridge_kafka_consumer_lag{group, topic}}: records on the topic that the consumer group has not yet
 * committed (log-end offset minus committed offset, summed over partitions; a partition without a commit counts
 * from its earliest offset). Since the routes commit only once a record's effect is durable, this is the work still
 * to do, and it keeps growing when the consumers are stuck or gone. Computed with the admin client every
 * {@code bridge.ops.consumer-lag.interval}; NaN until the first computation succeeds or when it fails.
 */
@Component
public class ConsumerLagMetrics extends PeriodicJob {

    public static final String LAG = "cobrowse_bridge_kafka_consumer_lag";
    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final ClusterAdmin admin;
    private final long timeoutMs;
    /** group -> topic -> last computed lag. */
    private final Map<String, Map<String, AtomicLong>> lags = new LinkedHashMap<>();
    private volatile boolean failing;

    public ConsumerLagMetrics(ClusterAdmin admin, MeterRegistry meters, BridgeProperties bridge, OpsProperties ops,
                              @Value("${bridge.kafka.intake-group-id}") String intakeGroup,
                              @Value("${bridge.kafka.callback-group-id}") String callbackGroup,
                              @Value("${bridge.kafka.email-group-id}") String emailGroup) {
        super("consumer-lag", ops.consumerLag().interval());
        this.admin = admin;
        this.timeoutMs = ops.health().timeout().toMillis();
        BridgeProperties.Topics topics = bridge.topics();
        watch(meters, intakeGroup, topics.policyNew());
        watch(meters, callbackGroup, topics.callbacks());
        watch(meters, emailGroup, topics.agentEmails());
    }

    private void watch(MeterRegistry meters, String group, String topic) {
        AtomicLong lag = new AtomicLong(UNKNOWN);
        lags.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(topic, lag);
        Gauge.builder(LAG, lag, l -> l.get() == UNKNOWN ? Double.NaN : l.get())
                .description("Records of the topic not yet committed by the consumer group")
                .tag("group", group).tag("topic", topic)
                .register(meters);
    }

    @Override
    protected void runOnce() {
        String problem = null;
        for (var group : lags.entrySet()) {
            for (var topic : group.getValue().entrySet()) {
                try {
                    topic.getValue().set(lag(admin.get(), group.getKey(), topic.getKey()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    topic.getValue().set(UNKNOWN);
                    problem = topic.getKey() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
        if (problem != null && !failing) {
            log.warn("Consumer lag cannot be computed ({})", problem);
        } else if (problem == null && failing) {
            log.info("Consumer lag is computed again");
        }
        failing = problem != null;
    }

    private long lag(Admin client, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = client.describeTopics(List.of(topic)).allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(client, partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(client, partitions, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            long from = commit == null ? starts.get(partition).offset() : commit.offset();
            lag += Math.max(0, ends.get(partition).offset() - from);
        }
        return lag;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin client, List<TopicPartition> partitions,
                                                               OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return client.listOffsets(request).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
