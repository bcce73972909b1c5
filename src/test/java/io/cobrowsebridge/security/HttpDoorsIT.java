package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cobrowsebridge.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;

/**
 * The HTTP doors of the public port: which actuator endpoints answer, who may use the operator-only ones, and that
 * anything unknown is closed. (The test context exposes {@code configprops} on top of production's health, info and
 * prometheus, to have an operator-only endpoint to knock on.)
 */
class HttpDoorsIT extends IntegrationTest {

    private static final List<String> NOT_EXPOSED = List.of("env", "beans", "heapdump", "loggers", "threaddump",
            "mappings", "metrics", "conditions", "scheduledtasks", "caches", "startup", "shutdown", "camelroutes",
            "camel", "httpexchanges", "sbom", "env/onespan.api-key", "loggers/ROOT");

    @Autowired
    private ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void healthInfoAndPrometheusAnswerWithoutCredentials() throws Exception {
        // right after the context starts, Camel's own health check may not have run yet (503, camelHealth DOWN)
        await().atMost(WAIT).until(() -> get("/actuator/health", null).statusCode() == 200);
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"").doesNotContain("details");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = get("/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("camel_exchanges_total");
        assertThat(prometheus.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
    }

    @Test
    void everyOtherActuatorEndpointIsNotFoundOnThePublicPortEvenForTheOperator() throws Exception {
        for (String endpoint : NOT_EXPOSED) {
            assertThat(get("/actuator/" + endpoint, null).statusCode()).as("GET /actuator/%s", endpoint).isEqualTo(404);
            assertThat(get("/actuator/" + endpoint, basic(ADMIN_USER, ADMIN_PASSWORD)).statusCode())
                    .as("GET /actuator/%s as operator", endpoint).isEqualTo(404);
        }
        assertThat(send("POST", "/actuator/shutdown", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/actuator/loggers/ROOT", null).statusCode()).isEqualTo(404);
        assertThat(get("/actuator", null).statusCode()).as("no index page").isEqualTo(404);
    }

    @Test
    void anOperatorOnlyEndpointNeedsTheOperatorsBasicCredentials() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/configprops", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.body()).doesNotContain("onespan");
        assertThat(get("/actuator/configprops", basic(ADMIN_USER, "wrong-password-123")).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/configprops", basic("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/configprops", "Basic " + CALLBACK_KEY).statusCode()).as("a callback key is no login")
                .isEqualTo(401);
        assertThat(get("/actuator/configprops", "Bearer " + JWKS.validToken()).statusCode())
                .as("a callback token is no login").isEqualTo(401);

        HttpResponse<String> operator = get("/actuator/configprops", basic(ADMIN_USER, ADMIN_PASSWORD));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("onespan").doesNotContain(API_KEY, CALLBACK_KEY, LAUNCH_SECRET,
                PREVIOUS_LAUNCH_SECRET, ADMIN_PASSWORD);
        assertThat(operator.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
    }

    @Test
    void unknownPathsAreClosedAndTheAppDoorsKeepTheirOwnAnswers() throws Exception {
        assertThat(get("/", null).statusCode()).isIn(401, 403, 404);
        assertThat(get("/admin", null).statusCode()).isIn(401, 403, 404);
        assertThat(send("POST", "/logout", null).statusCode()).isIn(401, 403, 404);
        assertThat(get("/login", null).statusCode()).isIn(401, 403, 404);
        assertThat(get("/onespan/callback", null).statusCode()).as("route's own answer").isEqualTo(405);
        HttpResponse<String> launch = get("/cobrowse/AbC123def456=?exp=1&sig=x", null);
        assertThat(launch.statusCode()).as("route's own answer").isEqualTo(403);
        assertThat(launch.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(launch.headers().firstValue("X-Content-Type-Options")).as("browser door: security headers")
                .hasValue("nosniff");
    }

    @Test
    void theSecurityFiltersRunWithoutSpringMvcsHandlerLookupAroundThem() {
        // with Spring MVC present, Spring Security wraps its chain in a filter that looks up the MVC handler first
        BeanDefinition chain = ((BeanDefinitionRegistry) context.getAutowireCapableBeanFactory())
                .getBeanDefinition(NoHandlerMappingLookup.FILTER_CHAIN);
        assertThat(classesWithin(chain)).as("filter chain bean definition, wrappers included")
                .doesNotContain(NoHandlerMappingLookup.MVC_WRAPPER)
                .noneMatch(name -> name.contains("HandlerMappingIntrospector"))
                .anyMatch(name -> name.endsWith("ServletRequestPathFilter"));
        assertThat(context.getBean(NoHandlerMappingLookup.FILTER_CHAIN)).isInstanceOf(FilterChainProxy.class);
    }

    /** The classes named by a bean definition and by the definitions in its constructor arguments, all the way down. */
    private static List<String> classesWithin(BeanDefinition definition) {
        List<String> names = new ArrayList<>();
        names.add(String.valueOf(definition.getBeanClassName()));
        for (ConstructorArgumentValues.ValueHolder argument
                : definition.getConstructorArgumentValues().getIndexedArgumentValues().values()) {
            if (argument.getValue() instanceof List<?> list) {
                list.stream().filter(BeanDefinition.class::isInstance)
                        .forEach(inner -> names.addAll(classesWithin((BeanDefinition) inner)));
            }
        }
        return names;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, authorization);
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
