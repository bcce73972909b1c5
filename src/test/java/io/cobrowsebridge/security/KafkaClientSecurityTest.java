package io.cobrowsebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void carriesTheComponentsBrokersAndSecuritySettingsOnly() {
        KafkaConfiguration component = new KafkaConfiguration();
        component.setBrokers("kafka-1.insurer.example:9093,kafka-2.insurer.example:9093");
        component.setSecurityProtocol("SASL_SSL");
        component.setSaslMechanism("SCRAM-SHA-512");
        component.setSaslJaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"bridge\" password=\"not-a-real-password\";");
        component.setSslTruststoreLocation("/etc/kafka/truststore.p12");
        component.setSslTruststorePassword("truststore-password");
        component.setSslTruststoreType("PKCS12");
        component.setAdditionalProperties(Map.of("sasl.login.refresh.buffer.seconds", "120", "linger.ms", "5"));

        Properties client = KafkaClientSecurity.clientProperties(component);

        assertThat(client).containsEntry("bootstrap.servers", "kafka-1.insurer.example:9093,kafka-2.insurer.example:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.password", "truststore-password")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("sasl.login.refresh.buffer.seconds", "120")
                .doesNotContainKey("linger.ms")
                .doesNotContainKey("key.serializer")
                .doesNotContainKey("group.id");
        assertThat(String.valueOf(client.get("sasl.jaas.config"))).contains("ScramLoginModule", "not-a-real-password");
    }

    @Test
    void plaintextByDefault() {
        KafkaConfiguration component = new KafkaConfiguration();
        component.setBrokers("localhost:9092");
        assertThat(KafkaClientSecurity.clientProperties(component))
                .containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .doesNotContainKey("sasl.jaas.config");
    }
}
