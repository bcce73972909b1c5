package io.cobrowsebridge.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service watches its own dependencies (readiness) and its consumers' backlog (metrics).
 *
 * @param health background reachability checks of Kafka, OneSpan and SMTP
 * @param consumerLag consumer-group lag gauges
 */
@ConfigurationProperties(prefix = "bridge.ops")
public record OpsProperties(@DefaultValue Health health, @DefaultValue ConsumerLag consumerLag,
                            @DefaultValue("deadletters") java.util.Set<String> operatorEndpoints) {

    /**
     * @param interval pause between two checks of one dependency; health requests only read the last result, so
     *                 OneSpan sees one call per interval and instance, however often the probes ask
     * @param timeout  a check that has not answered after this long counts as DOWN
     */
    public record Health(@DefaultValue("15s") Duration interval, @DefaultValue("5s") Duration timeout) {
    }

    /** @param interval how often the committed offsets are compared with the end of the topics */
    public record ConsumerLag(@DefaultValue("30s") Duration interval) {
    }
}
