package io.cobrowsebridge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A callback with a bearer token that failed validation: 401 with the standard {@code WWW-Authenticate: Bearer}
 * answer, logged like a refused callback key (the reason, never the token).
 */
final class CallbackTokenRefusal implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(CallbackTokenRefusal.class);

    private final BearerTokenAuthenticationEntryPoint delegate = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        log.warn("Callback refused: 401 invalid bearer token ({})", Redaction.scrub(failure.getMessage()));
        delegate.commence(request, response, failure);
    }
}
