package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogMaskingTest {

    @Test
    void findsTheValueOfEverySecretNamedPropertyWhateverItsSource() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env-like", Map.of(
                "ONESPAN_API_KEY", "api-key-from-env",
                "BRIDGE_LAUNCH_SECRET", "launch-secret-from-env")));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", Map.of(
                "onespan.api-key", "${ONESPAN_API_KEY:}",
                "onespan.client-secret", "client-secret-value",
                "bridge.callback.keys", "key-number-one,key-number-two",
                "bridge.admin.password", "operator-password",
                "camel.component.kafka.sasl-jaas-config", "PlainLoginModule required password=\"x\";",
                "bridge.launch.validity", "7d",
                "onespan.base-url", "https://sandbox.esignlive.example",
                "bridge.launch.previous-secret", "")));

        List<String> values = LogMasking.secretValues(environment);

        assertThat(values).contains("api-key-from-env", "launch-secret-from-env", "client-secret-value",
                "key-number-one,key-number-two", "key-number-one", "key-number-two", "operator-password",
                "PlainLoginModule required password=\"x\";")
                .doesNotContain("7d", "https://sandbox.esignlive.example", "", "${ONESPAN_API_KEY:}");
        assertThat(values.get(0).length()).as("longest first").isGreaterThanOrEqualTo(values.get(values.size() - 1).length());
    }

    @Test
    void wrapsAppendersSoTheirOutputIsMasked() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n%ex");
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger("log-masking-test");
        logger.setAdditive(false);
        logger.addAppender(appender);
        try {
            LogMasking.install(List.of("the-api-key-123", "the-callback-key"));
            LogMasking.install(List.of("the-api-key-123", "the-callback-key")); // idempotent: wrapped once
            logger.warn("calling with {} for jane.doe@example.com (+15145550100)", "the-api-key-123",
                    new IllegalStateException("refused the-callback-key"));

            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("calling with *** for j***@example.com (+1******0100)", "refused ***")
                    .doesNotContain("the-api-key-123", "the-callback-key", "jane.doe");
            assertThat(appender.getEncoder()).isInstanceOf(MaskingEncoder.class);
            assertThat(((MaskingEncoder) appender.getEncoder()).delegate()).isSameAs(encoder);
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
