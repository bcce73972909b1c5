package io.cobrowsebridge.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.cobrowsebridge.Application;
import io.cobrowsebridge.simulator.OneSpanSimulator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Local mode: {@code mvn spring-boot:test-run}. Starts, on fixed loopback ports, a real embedded Kafka broker
 * (9092), GreenMail (SMTP 3025, IMAP 3143) and the OneSpan simulator (8089), then the service itself (8080, profile
 * {@code local}), then plays a short scenario with sample events and prints what happened.
 */
public final class LocalMode {

    public static final String API_KEY = "local-dev-api-key";
    static final String[] TOPICS = {"policy.new", "policy.new.dlq", "onespan.callbacks", "onespan.callbacks.dlq",
        "crm.signing-events", "cobrowse-bridge.agent-emails", "cobrowse-bridge.callback-dedupe"};

    private LocalMode() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, TOPICS);
        broker.brokerProperty("listeners", "EXTERNAL://localhost:9092,CONTROLLER://localhost:0");
        broker.brokerProperty("message.max.bytes", "16777216");
        broker.afterPropertiesSet();

        GreenMail mail = new GreenMail(ServerSetupTest.SMTP_IMAP);
        mail.start();

        OneSpanSimulator simulator = OneSpanSimulator.start(8089, API_KEY);

        ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
                .profiles("local")
                .run(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            simulator.close();
            mail.stop();
            broker.destroy();
        }, "local-mode-shutdown"));

        new SampleScenario(broker.getBrokersAsString(), simulator, mail).run();
    }
}
