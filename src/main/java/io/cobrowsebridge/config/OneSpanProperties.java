package io.cobrowsebridge.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach OneSpan Sign and what to put in every package.
 *
 * @param baseUrl instance URL without {@code /api}, e.g. {@code https://sandbox.esignlive.com}
 * @param apiKey API key sent as {@code Authorization: Basic <key>}; from the environment, never committed
 * @param packageStatus status of a new package ({@code SENT} creates and sends it)
 * @param signerHelpRequestsDefault value of {@code adHocCobrowsingSigner} when the event does not say
 * @param connectTimeout TCP connect timeout of every OneSpan call
 * @param responseTimeout time to wait for OneSpan's answer
 */
@ConfigurationProperties(prefix = "onespan")
public record OneSpanProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("SENT") String packageStatus,
        @DefaultValue("true") boolean signerHelpRequestsDefault,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout) {

    public OneSpanProperties {
        Required.text("onespan.base-url (ONESPAN_BASE_URL)", baseUrl);
        Required.text("onespan.api-key (ONESPAN_API_KEY)", apiKey);
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "OneSpanProperties[baseUrl=" + baseUrl + ", apiKey=***]";
    }
}
