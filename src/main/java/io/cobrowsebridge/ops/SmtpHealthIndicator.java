package io.cobrowsebridge.ops;

import io.cobrowsebridge.config.BridgeProperties;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Health component {@code smtp}: the agent e-mail server accepts a connection (greeting, EHLO and, when
 * {@code camel.component.mail.username} is set, the login), then the connection is closed without sending.
 */
@Component("smtpHealthIndicator")
public class SmtpHealthIndicator extends BackgroundHealthCheck {

    private final BridgeProperties.Mail mail;
    private final String username;
    private final String password;
    private final String timeoutMs;
    private final Map<String, String> javaMailProperties;

    public SmtpHealthIndicator(BridgeProperties bridge, OpsProperties properties, Clock clock,
                               @Value("${camel.component.mail.username:}") String username,
                               @Value("${camel.component.mail.password:}") String password, Environment environment) {
        super("SMTP", properties.health(), clock);
        this.mail = bridge.mail();
        this.username = username.isBlank() ? null : username;
        this.password = password.isBlank() ? null : password;
        this.timeoutMs = Long.toString(properties.health().timeout().toMillis());
        // the same TLS / STARTTLS settings as the mail component that sends the e-mails
        this.javaMailProperties = Binder.get(environment)
                .bind("camel.component.mail.additional-java-mail-properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
    }

    @Override
    protected void check() throws Exception {
        Properties settings = new Properties();
        settings.putAll(javaMailProperties);
        String protocol = mail.protocol();
        settings.put("mail." + protocol + ".connectiontimeout", timeoutMs);
        settings.put("mail." + protocol + ".timeout", timeoutMs);
        try (Transport transport = Session.getInstance(settings).getTransport(protocol)) {
            transport.connect(mail.host(), mail.port(), username, password);
        }
    }
}
