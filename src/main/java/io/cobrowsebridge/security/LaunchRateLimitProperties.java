package io.cobrowsebridge.security;

import io.cobrowsebridge.config.MissingSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-packageId limit on opening launch URLs ({@code GET /cobrowse/{packageId}}), a token bucket per package: each
 * successful open mints a OneSpan sender token, so this bounds what a leaked or replayed launch URL can do.
 *
 * @param enabled off only for load tests
 * @param capacity opens allowed in a burst
 * @param refillPeriod one more open is allowed after each period
 * @param maxPackages buckets kept in memory (least recently used ones are dropped first)
 */
@ConfigurationProperties(prefix = "bridge.launch.rate-limit")
public record LaunchRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") int capacity,
        @DefaultValue("1m") Duration refillPeriod,
        @DefaultValue("100000") long maxPackages) {

    public LaunchRateLimitProperties {
        if (capacity < 1 || refillPeriod.isZero() || refillPeriod.isNegative() || maxPackages < 1) {
            throw new MissingSettingException("bridge.launch.rate-limit: capacity and max-packages must be at least 1 "
                    + "and refill-period positive");
        }
    }
}
