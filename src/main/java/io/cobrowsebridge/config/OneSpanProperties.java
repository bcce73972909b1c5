package io.cobrowsebridge.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach OneSpan Sign and what to put in every package.
 *
 * @param baseUrl instance URL without {@code /api}, e.g. {@code https://sandbox.esignlive.com}
 * @param auth {@code api-key} (default) or {@code client-app} (OneSpan client-app bearer tokens)
 * @param apiKey API key sent as {@code Authorization: Basic <key>} (auth = api-key); from the environment
 * @param clientId client-app id (auth = client-app)
 * @param clientSecret client-app secret (auth = client-app); from the environment
 * @param packageStatus status of a new package ({@code SENT} creates and sends it)
 * @param signerHelpRequestsDefault value of {@code adHocCobrowsingSigner} when the event does not say
 * @param connectTimeout TCP connect timeout of every OneSpan call
 * @param responseTimeout time to wait for OneSpan's answer
 */
@ConfigurationProperties(prefix = "onespan")
public record OneSpanProperties(
        String baseUrl,
        @DefaultValue("api-key") String auth,
        String apiKey,
        String clientId,
        String clientSecret,
        @DefaultValue("SENT") String packageStatus,
        @DefaultValue("true") boolean signerHelpRequestsDefault,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout) {

    public OneSpanProperties {
        Required.text("onespan.base-url (ONESPAN_BASE_URL)", baseUrl);
        if ("client-app".equals(auth)) {
            Required.text("onespan.client-id (ONESPAN_CLIENT_ID)", clientId);
            Required.text("onespan.client-secret (ONESPAN_CLIENT_SECRET)", clientSecret);
        } else if ("api-key".equals(auth)) {
            Required.text("onespan.api-key (ONESPAN_API_KEY)", apiKey);
        } else {
            throw new IllegalStateException("onespan.auth must be api-key or client-app, not " + auth);
        }
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "OneSpanProperties[baseUrl=" + baseUrl + ", auth=" + auth + ", clientId=" + clientId + ", secrets=***]";
    }
}
