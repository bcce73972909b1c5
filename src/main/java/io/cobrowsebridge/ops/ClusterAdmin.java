package io.cobrowsebridge.ops;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One Kafka admin client for the operational checks (reachability, consumer lag), configured like the routes'
 * clients: the bootstrap servers and any security settings of {@code camel.component.kafka.*}. Created on first
 * use, so a broker that is down at start-up does not hold the start up.
 */
@Component
public class ClusterAdmin implements DisposableBean {

    private final CamelContext camel;
    private Admin admin;

    public ClusterAdmin(CamelContext camel) {
        this.camel = camel;
    }

    public synchronized Admin get() {
        if (admin == null) {
            admin = Admin.create(adminProperties(camel.getComponent("kafka", KafkaComponent.class).getConfiguration()));
        }
        return admin;
    }

    static Properties adminProperties(KafkaConfiguration kafka) {
        Properties consumer = kafka.createConsumerProperties();
        Properties admin = new Properties();
        consumer.stringPropertyNames().stream()
                .filter(AdminClientConfig.configNames()::contains)
                .forEach(name -> admin.put(name, consumer.get(name)));
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokers());
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "cobrowse-bridge-ops");
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }
}
