package io.cobrowsebridge.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Wraps the encoder of a Logback appender: every encoded log line (pattern or structured JSON, message and stack
 * trace alike) passes through {@link #mask(String)} before it is written. Known secret values become {@code ***};
 * the patterns of {@link Redaction} mask e-mail addresses, phone numbers and credentials.
 */
final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> delegate;
    private final List<String> secrets;
    private final Charset charset;

    MaskingEncoder(Encoder<ILoggingEvent> delegate, List<String> secrets) {
        this.delegate = delegate;
        this.secrets = List.copyOf(secrets);
        Charset configured = delegate instanceof LayoutWrappingEncoder<?> layout ? layout.getCharset() : null;
        this.charset = configured == null ? StandardCharsets.UTF_8 : configured;
    }

    Encoder<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = delegate.encode(event);
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        return mask(new String(encoded, charset)).getBytes(charset);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    String mask(String line) {
        String out = line;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, "***");
            }
        }
        return Redaction.scrub(out);
    }

    @Override
    public void start() {
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }
}
