package io.cobrowsebridge.kafka;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/deadletters} with JSON {@code {"reason": "ONESPAN_UNAVAILABLE"}} (or {@code "ALL"}, or no body)
 * re-publishes matching dead letters to policy.new, each at most once. An admin operation: see README.
 */
@Component
@Endpoint(id = "deadletters")
public class DeadLetterEndpoint {

    private final DeadLetterReplay replay;

    public DeadLetterEndpoint(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @WriteOperation
    public DeadLetterReplay.Result replay(@Nullable String reason) {
        return replay.replay(reason);
    }
}
