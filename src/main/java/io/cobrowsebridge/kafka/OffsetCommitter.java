package io.cobrowsebridge.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * Last step of a Kafka-fed route: commits the record's offset (synchronously, on the consumer thread), once its
 * effect is durable: the transaction exists and its CRM event is published, or it went to the dead-letter topic.
 */
@Component("commitOffset")
public class OffsetCommitter implements Processor {
    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }
}
