package io.cobrowsebridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of cobrowse-bridge itself (topics, launch URLs, document fetching, limits).
 */
@ConfigurationProperties(prefix = "bridge")
public record BridgeProperties(
        @DefaultValue Topics topics,
        @DefaultValue Launch launch,
        @DefaultValue Documents documents,
        @DefaultValue Intake intake,
        @DefaultValue Callback callback,
        @DefaultValue Mail mail,
        @DefaultValue PackageCache packageCache) {

    /** Kafka topic names (design.md defaults). */
    public record Topics(
            @DefaultValue("policy.new") String policyNew,
            @DefaultValue("policy.new.dlq") String policyDlq,
            @DefaultValue("onespan.callbacks") String callbacks,
            @DefaultValue("crm.signing-events") String crm,
            @DefaultValue("onespan.callbacks.dlq") String callbacksDlq,
            @DefaultValue("cobrowse-bridge.agent-emails") String agentEmails,
            @DefaultValue("cobrowse-bridge.callback-dedupe") String callbackDedupe,
            @DefaultValue("cobrowse-bridge.dlq-replayed") String dlqReplayed) {
    }

    /**
     * The service's own signed co-browse launch URL.
     *
     * @param publicBaseUrl how agents reach this service, e.g. {@code https://cobrowse.insurer.example}
     * @param secret HMAC key that signs launch URLs; from the environment
     * @param validity how long a launch URL works after it is issued
     * @param previousSecret during a rotation, the secret before {@code secret}: URLs it signed still verify, new
     *                       URLs are signed with {@code secret} only; empty outside a rotation
     */
    public record Launch(
            @DefaultValue("http://localhost:8080") String publicBaseUrl,
            String secret,
            @DefaultValue("7d") Duration validity,
            String previousSecret) {

        @ConstructorBinding
        public Launch {
            publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
            previousSecret = previousSecret == null || previousSecret.isBlank() ? null : previousSecret;
        }

        /** Without a previous secret (no rotation under way). */
        public Launch(String publicBaseUrl, String secret, Duration validity) {
            this(publicBaseUrl, secret, validity, null);
        }

        @Override
        public String toString() {
            return "Launch[publicBaseUrl=" + publicBaseUrl + ", secret=***, previousSecret="
                    + (previousSecret == null ? "none" : "***") + ", validity=" + validity + "]";
        }
    }

    /**
     * Documents given by {@code url} in an event.
     *
     * @param allowedBaseUrls the only places documents may be fetched from (empty: no URL documents)
     * @param maxBytes largest accepted document (OneSpan's own limit is 16 MB)
     * @param fetchTimeout connect and read timeout of one fetch
     * @param streamAbove an inline ({@code contentBase64}) document larger than this is not decoded into memory of its
     *                    own: it stays in the record and is decoded while uploaded (less heap per large event, one
     *                    more decoding pass of CPU)
     */
    public record Documents(
            @DefaultValue List<URI> allowedBaseUrls,
            @DefaultValue("16MB") DataSize maxBytes,
            @DefaultValue("20s") Duration fetchTimeout,
            @DefaultValue("768KB") DataSize streamAbove) {
    }

    /**
     * Policy intake.
     *
     * @param maxEventBytes a larger event goes to the dead-letter topic without being parsed
     */
    public record Intake(@DefaultValue("20MB") DataSize maxEventBytes) {
    }

    /**
     * The OneSpan callback endpoint.
     *
     * @param keys accepted callback keys (OneSpan sends {@code Authorization: Basic <key>}); two during a rotation
     * @param maxBodySize a larger body gets 413
     */
    public record Callback(@DefaultValue List<String> keys, @DefaultValue("64KB") DataSize maxBodySize,
                           @DefaultValue Registration registration) {
        public Callback {
            keys = keys.stream().filter(k -> k != null && !k.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "Callback[keys=" + keys.size() + " configured, maxBodySize=" + maxBodySize + "]";
        }
    }

    /**
     * Optional registration of this service's callback endpoint with OneSpan at start-up ({@code POST /api/callback}).
     *
     * @param enabled off by default: most accounts register the callback once, in OneSpan's admin UI
     * @param url where OneSpan should call; empty = {@code {launch.public-base-url}/onespan/callback}
     * @param events the OneSpan events to receive
     */
    public record Registration(
            @DefaultValue("false") boolean enabled,
            String url,
            @DefaultValue({"PACKAGE_ACTIVATE", "PACKAGE_COMPLETE", "PACKAGE_DECLINE", "PACKAGE_OPT_OUT", "PACKAGE_EXPIRE",
                    "SIGNER_COMPLETE", "DOCUMENT_SIGNED", "EMAIL_BOUNCE", "COBROWSE_REQUEST"}) List<String> events) {
    }

    /**
     * E-mail to agents.
     *
     * @param protocol {@code smtp} or {@code smtps}
     * @param host SMTP server
     * @param port SMTP port
     * @param from sender address
     * @param notifyTypes CRM event types that are also e-mailed to the agent (COBROWSE_REQUESTED always is)
     */
    public record Mail(
            @DefaultValue("smtp") String protocol,
            @DefaultValue("localhost") String host,
            @DefaultValue("25") int port,
            @DefaultValue("cobrowse-bridge@localhost") String from,
            @DefaultValue({"TRANSACTION_DECLINED", "TRANSACTION_OPTED_OUT", "TRANSACTION_EXPIRED", "EMAIL_BOUNCED",
                    "TRANSACTION_COMPLETED"}) java.util.Set<String> notifyTypes) {
    }

    /**
     * Package details fetched from OneSpan to enrich callbacks.
     *
     * @param maxSize packages kept
     * @param ttl how long a package's details are reused
     */
    public record PackageCache(@DefaultValue("10000") long maxSize, @DefaultValue("15m") Duration ttl) {
    }
}
