package io.cobrowsebridge.callback;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Last step of {@code POST /onespan/callback}, once Kafka has acknowledged the body: the answer 200
 * {@code {"status":"stored"}} as JSON, with no other header (nothing of the exchange, such as the Kafka key or record
 * metadata, goes out in the response). One step instead of three on the busiest path of the service.
 */
@Component("callbackStoredAnswer")
public class CallbackStoredAnswer implements Processor {

    private static final String STORED = "{\"status\":\"stored\"}";

    @Override
    public void process(Exchange exchange) {
        Message answer = exchange.getMessage();
        answer.removeHeaders("*");
        answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
        answer.setBody(STORED);
    }
}
