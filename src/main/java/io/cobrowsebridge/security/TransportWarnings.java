package io.cobrowsebridge.security;

import io.cobrowsebridge.config.BridgeProperties;
import io.cobrowsebridge.config.OneSpanProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At start-up, warns about each connection that would carry credentials or personal data in clear to another host:
 * OneSpan or launch URLs over http, Kafka without TLS, SMTP without TLS. Loopback addresses (local mode, tests) are
 * fine. Warnings only: a deployment inside a trusted network may choose so, but it should be a choice.
 */
@Component
class TransportWarnings {

    private static final Logger log = LoggerFactory.getLogger(TransportWarnings.class);

    private final OneSpanProperties oneSpan;
    private final BridgeProperties bridge;
    private final Environment environment;

    TransportWarnings(OneSpanProperties oneSpan, BridgeProperties bridge, Environment environment) {
        this.oneSpan = oneSpan;
        this.bridge = bridge;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnAboutCleartext() {
        findings().forEach(finding -> log.warn("Transport not encrypted: {}", finding));
    }

    List<String> findings() {
        List<String> findings = new ArrayList<>();
        if (isRemoteHttp(oneSpan.baseUrl())) {
            findings.add("onespan.base-url uses http: the API key travels in clear");
        }
        if (isRemoteHttp(bridge.launch().publicBaseUrl())) {
            findings.add("bridge.launch.public-base-url uses http: launch URLs can be read on the way");
        }
        bridge.documents().allowedBaseUrls().stream().map(URI::toString).filter(TransportWarnings::isRemoteHttp)
                .forEach(url -> findings.add("bridge.documents.allowed-base-urls has " + url + ": documents arrive in clear"));
        String kafkaProtocol = environment.getProperty("camel.component.kafka.security-protocol", "PLAINTEXT");
        String brokers = environment.getProperty("camel.component.kafka.brokers", "");
        if (!kafkaProtocol.toUpperCase(Locale.ROOT).contains("SSL") && Arrays.stream(brokers.split(","))
                .map(b -> b.trim().replaceFirst(":\\d+$", "")).anyMatch(host -> !host.isEmpty() && !isLoopback(host))) {
            findings.add("Kafka security-protocol " + kafkaProtocol + " to " + brokers + ": events travel in clear");
        }
        boolean startTls = environment.getProperty(
                "camel.component.mail.additional-java-mail-properties[mail.smtp.starttls.required]", Boolean.class, false);
        if ("smtp".equalsIgnoreCase(bridge.mail().protocol()) && !startTls && !isLoopback(bridge.mail().host())) {
            findings.add("SMTP to " + bridge.mail().host() + " without smtps or required STARTTLS: agent e-mails travel in clear");
        }
        return findings;
    }

    private static boolean isRemoteHttp(String url) {
        try {
            URI uri = URI.create(url);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !isLoopback(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.endsWith(".localhost");
    }
}
