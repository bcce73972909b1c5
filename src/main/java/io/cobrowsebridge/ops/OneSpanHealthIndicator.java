package io.cobrowsebridge.ops;

import io.cobrowsebridge.onespan.OneSpanClient;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Health component {@code oneSpan}: an authenticated {@code GET /api/packages?from=1&to=1} succeeds, so OneSpan is
 * up and the API key is accepted. Made once per {@code bridge.ops.health.interval}, not per health request.
 */
@Component("oneSpanHealthIndicator")
public class OneSpanHealthIndicator extends BackgroundHealthCheck {

    private final OneSpanClient oneSpan;

    public OneSpanHealthIndicator(OneSpanClient oneSpan, OpsProperties properties, Clock clock) {
        super("OneSpan", properties.health(), clock);
        this.oneSpan = oneSpan;
    }

    @Override
    protected void check() {
        oneSpan.checkReachable();
    }
}
