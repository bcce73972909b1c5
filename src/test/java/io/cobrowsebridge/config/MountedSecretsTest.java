package io.cobrowsebridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Secrets mounted as files (Docker / Kubernetes secrets) are read through the {@code configtree} import of
 * config/application.yml: one file per setting, flat ({@code onespan.api-key}) or nested ({@code onespan/base-url}),
 * trailing newline ignored. Binds the real configuration files, without the rest of the application.
 */
class MountedSecretsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OneSpanProperties.class, BridgeProperties.class})
    static class SettingsOnly {
    }

    @Test
    void secretsComeFromMountedFiles(@TempDir Path secrets) throws IOException {
        Files.writeString(secrets.resolve("onespan.api-key"), "api-key-from-a-file\n");
        Files.createDirectories(secrets.resolve("onespan"));
        Files.writeString(secrets.resolve("onespan").resolve("base-url"), "https://sandbox.esignlive.example\n");
        Files.writeString(secrets.resolve("bridge.launch.secret"), "launch-secret-from-a-file");
        Files.writeString(secrets.resolve("bridge.launch.previous-secret"), "previous-secret-from-a-file\n");
        Files.writeString(secrets.resolve("bridge.callback.keys"), "callback-key-one,callback-key-two\n");

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE)
                .run("--BRIDGE_SECRETS_DIR=" + secrets, "--spring.main.banner-mode=off")) {
            OneSpanProperties onespan = context.getBean(OneSpanProperties.class);
            BridgeProperties bridge = context.getBean(BridgeProperties.class);

            assertThat(onespan.apiKey()).isEqualTo("api-key-from-a-file");
            assertThat(onespan.baseUrl()).isEqualTo("https://sandbox.esignlive.example");
            assertThat(bridge.launch().secret()).isEqualTo("launch-secret-from-a-file");
            assertThat(bridge.launch().previousSecret()).isEqualTo("previous-secret-from-a-file");
            assertThat(bridge.callback().keys()).containsExactly("callback-key-one", "callback-key-two");
            assertThat(onespan.toString()).doesNotContain("api-key-from-a-file");
            assertThat(bridge.launch().toString()).doesNotContain("secret-from-a-file");
        }
    }
}
