package io.cobrowsebridge.security;

import org.apache.camel.Message;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * OneSpan's OAuth 2.0 callback mode, as seen from the callback-intake route: tells whether Spring Security validated
 * a bearer JWT for this request ({@link SecurityConfig}). The authentication is read from the request attribute where
 * the bearer-token filter stores it, not from a thread-local (a platform-http route runs on another thread than the
 * filters).
 */
@Component
public class CallbackTokenAuthentication {

    private final boolean enabled;
    private final RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    public CallbackTokenAuthentication(ObjectProvider<JwtDecoder> jwtDecoder) {
        this.enabled = jwtDecoder.getIfAvailable() != null;
    }

    /** True when an issuer-uri or jwk-set-uri is configured (JWT mode on). */
    public boolean enabled() {
        return enabled;
    }

    /** True when the HTTP request behind this message carried a bearer JWT that passed validation. */
    public boolean isAuthenticated(Message message) {
        if (!enabled) {
            return false;
        }
        HttpServletRequest request = message instanceof HttpMessage servlet ? servlet.getRequest()
                : message instanceof PlatformHttpMessage platform ? platform.getRequest() : null;
        if (request == null) {
            return false;
        }
        Authentication authentication = contexts.loadDeferredContext(request).get().getAuthentication();
        return authentication instanceof JwtAuthenticationToken && authentication.isAuthenticated();
    }
}
