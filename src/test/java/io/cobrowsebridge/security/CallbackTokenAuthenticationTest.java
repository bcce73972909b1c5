package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CallbackTokenAuthenticationTest {

    @Test
    void withoutAConfiguredIssuerBearerTokensAreNoWayIn() throws Exception {
        CallbackTokenAuthentication tokens =
                new CallbackTokenAuthentication(new StaticListableBeanFactory().getBeanProvider(JwtDecoder.class));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            DefaultMessage message = new DefaultMessage(camel);
            message.setHeader("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

            assertThat(tokens.enabled()).isFalse();
            assertThat(tokens.isAuthenticated(message)).isFalse();
        }
    }

    @Test
    void withAnIssuerOnlyARequestSpringSecurityAuthenticatedCounts() throws Exception {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("jwtDecoder", (JwtDecoder) token -> {
            throw new IllegalStateException("not used here");
        });
        CallbackTokenAuthentication tokens = new CallbackTokenAuthentication(beans.getBeanProvider(JwtDecoder.class));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            DefaultMessage notFromHttp = new DefaultMessage(camel);
            notFromHttp.setHeader("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

            assertThat(tokens.enabled()).isTrue();
            assertThat(tokens.isAuthenticated(notFromHttp)).as("a header alone proves nothing").isFalse();
        }
    }
}
