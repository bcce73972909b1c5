package io.cobrowsebridge.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Last line of defence against secrets in the logs: once Spring Boot has set up logging, wraps the encoder of every
 * Logback appender in a {@link MaskingEncoder}. It replaces the values of all configured secrets (any property whose
 * name says secret, password, API key, callback key, JAAS config, private key or credentials, from any source:
 * config files, environment, {@code configtree} mounts) by {@code ***}, and masks e-mail addresses, phone numbers and
 * tokens by pattern ({@link Redaction}). Registered in {@code META-INF/spring.factories}, so it also covers start-up
 * failures. The code itself does not log secrets or personal data; this catches what a library might print.
 */
public class LogMasking implements GenericApplicationListener {

    /** Property names (lower case, separators removed) that hold secrets. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(secret|password|passwd|apikey|jaasconfig|callbackkey|privatekey|credentials).*");
    /** Shorter values are not masked (they would garble ordinary words). */
    private static final int MIN_SECRET_LENGTH = 6;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            install(secretValues(prepared.getEnvironment()));
        } else if (event instanceof ApplicationPreparedEvent prepared) {
            // again once initializers (e.g. test property sources) have added their properties
            install(secretValues(prepared.getApplicationContext().getEnvironment()));
        }
    }

    /** Right after Spring Boot's logging set-up. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** The values of every secret-named property, longest first (so a longer secret is masked whole). */
    static List<String> secretValues(ConfigurableEnvironment environment) {
        Set<String> values = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (!isSecretName(name)) {
                    continue;
                }
                String value;
                try {
                    Object raw = source.getProperty(name);
                    value = raw == null ? null : environment.resolvePlaceholders(raw.toString());
                } catch (RuntimeException e) {
                    continue; // an unresolvable placeholder holds no value to mask
                }
                addValue(values, value);
            }
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    static boolean isSecretName(String propertyName) {
        String normalised = propertyName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_NAME.matcher(normalised).matches();
    }

    private static void addValue(Set<String> values, String value) {
        if (value == null) {
            return;
        }
        String trimmed = value.trim();
        if (trimmed.length() >= MIN_SECRET_LENGTH) {
            values.add(trimmed);
        }
        if (trimmed.contains(",")) { // lists such as bridge.callback.keys
            for (String part : trimmed.split(",")) {
                addValue(values, part);
            }
        }
    }

    /** Wraps (or re-wraps with the current secrets) the encoder of every output appender; no-op without Logback. */
    static void install(List<String> secrets) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            wrapAppenders(logger, secrets);
        }
    }

    @SuppressWarnings("unchecked")
    private static void wrapAppenders(AppenderAttachable<ILoggingEvent> attachable, List<String> secrets) {
        Iterator<Appender<ILoggingEvent>> appenders = attachable.iteratorForAppenders();
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof OutputStreamAppender<ILoggingEvent> output && output.getEncoder() != null) {
                Encoder<ILoggingEvent> current = output.getEncoder();
                Encoder<ILoggingEvent> base = current instanceof MaskingEncoder masking ? masking.delegate() : current;
                MaskingEncoder wrapped = new MaskingEncoder(base, secrets);
                wrapped.setContext(output.getContext());
                wrapped.start();
                output.setEncoder(wrapped);
            }
            if (appender instanceof AppenderAttachable<?> nested) { // e.g. AsyncAppender
                wrapAppenders((AppenderAttachable<ILoggingEvent>) nested, secrets);
            }
        }
    }
}
