package io.cobrowsebridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
        @DefaultValue Intake intake) {

    /** Kafka topic names (design.md defaults). */
    public record Topics(
            @DefaultValue("policy.new") String policyNew,
            @DefaultValue("policy.new.dlq") String policyDlq,
            @DefaultValue("onespan.callbacks") String callbacks,
            @DefaultValue("crm.signing-events") String crm) {
    }

    /**
     * The service's own signed co-browse launch URL.
     *
     * @param publicBaseUrl how agents reach this service, e.g. {@code https://cobrowse.insurer.example}
     * @param secret HMAC key that signs launch URLs; from the environment
     * @param validity how long a launch URL works after it is issued
     */
    public record Launch(
            @DefaultValue("http://localhost:8080") String publicBaseUrl,
            String secret,
            @DefaultValue("7d") Duration validity) {

        public Launch {
            publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        }

        @Override
        public String toString() {
            return "Launch[publicBaseUrl=" + publicBaseUrl + ", secret=***, validity=" + validity + "]";
        }
    }

    /**
     * Documents given by {@code url} in an event.
     *
     * @param allowedBaseUrls the only places documents may be fetched from (empty: no URL documents)
     * @param maxBytes largest accepted document (OneSpan's own limit is 16 MB)
     * @param fetchTimeout connect and read timeout of one fetch
     */
    public record Documents(
            @DefaultValue List<URI> allowedBaseUrls,
            @DefaultValue("16MB") DataSize maxBytes,
            @DefaultValue("20s") Duration fetchTimeout) {
    }

    /**
     * Policy intake.
     *
     * @param maxEventBytes a larger event goes to the dead-letter topic without being parsed
     */
    public record Intake(@DefaultValue("20MB") DataSize maxEventBytes) {
    }
}
