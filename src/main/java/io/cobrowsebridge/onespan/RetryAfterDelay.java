package io.cobrowsebridge.onespan;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs when a OneSpan call fails transiently, before Camel computes the next redelivery delay, and replaces the
 * exponential backoff for that attempt (Camel's {@code CamelRedeliveryDelay} header) when OneSpan said more:
 * <ul>
 *   <li>{@code Retry-After}: wait that long, capped by {@code bridge.onespan-retry.max-retry-after-ms};</li>
 *   <li>an ambiguous failure (timeout after the request was sent): wait {@code bridge.onespan-retry.settle-ms}, so a
 *       create OneSpan was still working on is finished, and found by the lookup, before the step runs again.</li>
 * </ul>
 */
@Component("retryAfterDelay")
public class RetryAfterDelay implements Processor {

    private final long maxRetryAfterMs;
    private final long settleMs;

    public RetryAfterDelay(@Value("${bridge.onespan-retry.max-retry-after-ms:15000}") long maxRetryAfterMs,
                           @Value("${bridge.onespan-retry.settle-ms:20000}") long settleMs) {
        this.maxRetryAfterMs = maxRetryAfterMs;
        this.settleMs = settleMs;
    }

    @Override
    public void process(Exchange exchange) {
        OneSpanUnavailableException failure = exchange.getException(OneSpanUnavailableException.class);
        if (failure != null && failure.retryAfter().isPresent()) {
            long delay = Math.min(failure.retryAfter().get().toMillis(), maxRetryAfterMs);
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
        } else if (failure != null && failure.ambiguous()) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, settleMs);
        } else {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
