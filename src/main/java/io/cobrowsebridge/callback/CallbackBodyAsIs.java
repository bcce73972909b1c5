package io.cobrowsebridge.callback;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The callback body is read raw, whatever Content-Type the caller sent: a request labelled form-urlencoded (curl's
 * default) would otherwise be parsed into form fields by the HTTP binding, fail, and answer 500 instead of the
 * 401/400 the callback guard gives.
 */
@Configuration(proxyBeanMethods = false)
class CallbackBodyAsIs {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> callbackBodyAsIsFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String type = request.getContentType();
                chain.doFilter(type != null && type.toLowerCase().startsWith(FORM) ? new OctetStream(request) : request,
                        response);
            }
        });
        registration.addUrlPatterns("/onespan/callback");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The same request, labelled as opaque bytes. */
    private static final class OctetStream extends HttpServletRequestWrapper {
        private static final String OPAQUE = "application/octet-stream";

        OctetStream(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return OPAQUE;
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? OPAQUE : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(OPAQUE))
                    : super.getHeaders(name);
        }
    }
}
