package io.cobrowsebridge.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call which HTTP door (Spring Security's filter covers every servlet: Spring MVC, which serves Camel's
 * platform-http routes, and Camel's servlet at {@code /onespan/*}, which serves the callback; on REQUEST and ERROR
 * dispatches, {@code spring.security.filter.dispatcher-types}):
 * <ol>
 *   <li>{@code /onespan/callback}: open at this layer; the callback-intake route checks the callback key. When OAuth
 *       2.0 callbacks are configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 *       {@code jwk-set-uri}), a {@code Bearer} JWT is validated here instead (invalid: 401) and the route then
 *       accepts the request without a key ({@link CallbackTokenAuthentication}).</li>
 *   <li>actuator: health, info and prometheus open; any other exposed endpoint needs HTTP Basic as the operator
 *       ({@link AdminProperties}); without an operator account nobody gets in.</li>
 *   <li>everything else: the launch URLs {@code /cobrowse/*} (signed, checked by the route), error pages and paths
 *       under the actuator base path (not exposed, so 404) are open; any other path is refused (deny by default).</li>
 * </ol>
 * No chain keeps a session, sets a cookie or accepts a login form; CSRF protection is off because no browser
 * session exists to ride on.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    public static final String CALLBACK_PATH = "/onespan/callback";
    public static final String LAUNCH_PATH = "/cobrowse/*";
    static final String ADMIN_ROLE = "ADMIN";
    private static final String[] PUBLIC_ENDPOINTS = {"health", "info", "prometheus"};

    @Bean
    @Order(1)
    SecurityFilterChain callbackSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        stateless(http.securityMatcher(path(CALLBACK_PATH)));
        // a machine-to-machine door answering a short JSON: no browser security headers, no anonymous user, no
        // servlet API wrapper (each is a filter or response wrapper on every callback)
        http.headers(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable);
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(new CallbackTokenRefusal()));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, AdminProperties admin) throws Exception {
        stateless(http.securityMatcher(EndpointRequest.toAnyEndpoint().excludingLinks()));
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(EndpointRequest.to(PUBLIC_ENDPOINTS)).permitAll();
            if (admin.enabled()) {
                requests.anyRequest().hasRole(ADMIN_ROLE);
            } else {
                requests.anyRequest().denyAll();
            }
        });
        if (admin.enabled()) {
            http.httpBasic(basic -> basic.realmName("cobrowse-bridge operator"));
        }
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain applicationSecurity(HttpSecurity http, WebEndpointProperties endpoints) throws Exception {
        stateless(http);
        String actuatorBase = endpoints.getBasePath().isEmpty() ? "/actuator" : endpoints.getBasePath();
        http.authorizeHttpRequests(requests -> requests
                .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                .requestMatchers(path(LAUNCH_PATH)).permitAll()
                .requestMatchers(path(actuatorBase + "/**")).permitAll() // only unexposed endpoints (and the disabled index) get here: 404
                .anyRequest().denyAll());
        return http.build();
    }

    /**
     * No Micrometer observation around each security filter and the authorization decision: on the callback path they
     * cost more CPU than the filters themselves. HTTP request metrics ({@code http.server.requests}) are unaffected.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's filter chain without Spring MVC's handler lookup around it ({@link NoHandlerMappingLookup}). */
    @Bean
    static BeanFactoryPostProcessor noHandlerMappingLookup() {
        return new NoHandlerMappingLookup();
    }

    /** The operator account, or none (an empty user store: HTTP Basic then never succeeds). */
    @Bean
    UserDetailsService operatorAccount(AdminProperties admin) {
        if (!admin.enabled()) {
            return new InMemoryUserDetailsManager();
        }
        String stored = admin.password().startsWith("{") ? admin.password()
                : PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(admin.password());
        return new InMemoryUserDetailsManager(
                User.withUsername(admin.username()).password(stored).roles(ADMIN_ROLE).build());
    }

    private static void stateless(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    private static PathPatternRequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
