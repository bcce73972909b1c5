package io.cobrowsebridge.ops;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.stereotype.Component;

/** Health component {@code kafka}: the cluster answers a metadata request and has at least one broker. */
@Component("kafkaHealthIndicator")
public class KafkaHealthIndicator extends BackgroundHealthCheck {

    private final ClusterAdmin admin;
    private final int timeoutMs;

    public KafkaHealthIndicator(ClusterAdmin admin, OpsProperties properties, Clock clock) {
        super("Kafka", properties.health(), clock);
        this.admin = admin;
        this.timeoutMs = (int) properties.health().timeout().toMillis();
    }

    @Override
    protected void check() throws Exception {
        int brokers = admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                .nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
        if (brokers == 0) {
            throw new IllegalStateException("the cluster reports no broker");
        }
    }
}
