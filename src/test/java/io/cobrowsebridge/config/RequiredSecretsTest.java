package io.cobrowsebridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cobrowsebridge.Application;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * Outside local mode the service refuses to start without its secrets, and says which one is missing. Each case
 * starts the real application with one setting emptied; it fails while the context is built, before any route,
 * Kafka client or HTTP port is started.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSecretsTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "onespan.base-url", "http://127.0.0.1:9",
            "onespan.api-key", "required-secrets-api-key",
            "bridge.launch.secret", "required-secrets-launch-secret",
            "bridge.callback.keys", "required-secrets-callback-key");

    @ParameterizedTest
    @CsvSource({
        "onespan.api-key,       onespan.api-key (ONESPAN_API_KEY)",
        "onespan.base-url,      onespan.base-url (ONESPAN_BASE_URL)",
        "bridge.launch.secret,  bridge.launch.secret (BRIDGE_LAUNCH_SECRET)",
        "bridge.callback.keys,  bridge.callback.keys (ONESPAN_CALLBACK_KEY)"})
    void startUpFailsNamingTheMissingSecret(String missing, String expectedName, CapturedOutput output) {
        Map<String, String> settings = new LinkedHashMap<>(COMPLETE);
        settings.put(missing, "");

        Throwable failure = catchThrowable(() -> start(settings));

        assertThat(failure).as("start-up must fail").isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(MissingSettingException.class);
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                .startsWith("Missing").contains(expectedName);
        assertThat(output.getOut()).as("Spring Boot's short report").contains("APPLICATION FAILED TO START",
                "Description:", expectedName, "Set it in the environment, or mount it as a file");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        COMPLETE.entrySet().stream().filter(e -> e.getKey().contains("key") || e.getKey().contains("secret"))
                .forEach(e -> assertThat(trace + output.getAll()).as("no secret in the failure or the log")
                        .doesNotContain(e.getValue()));
    }

    private static void start(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--BRIDGE_SECRETS_DIR=target/no-such-secrets-dir");
        args.add("--camel.component.kafka.brokers=127.0.0.1:9");
        args.add("--spring.main.banner-mode=off");
        new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new)).close();
    }
}
