package dev.gantry.eventstore.support;

import dev.gantry.contracts.Topics;
import dev.gantry.local.TopicProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker inside the test JVM on which consumer groups work: the
 * event-store consumes as a group and commits offsets, which needs the broker's internal
 * {@code __consumer_offsets} topic. A single broker can only create it with a replication factor
 * of 1, and {@code dev.gantry.testing.KafkaTestResource} leaves the default of 3, so a group
 * there never finds its coordinator. Started once per JVM and shared, like that resource.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** The broker logs every partition it creates at INFO: tests only want to hear of trouble. */
    private static final List<Logger> QUIETED = Stream.of("kafka", "org.apache.kafka", "state.change.logger")
            .map(Logger::getLogger).toList();

    private static KafkaClusterTestKit cluster;

    /** The bootstrap servers of the shared broker, starting it if no test has yet. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = startCluster();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBrokerResource::stopCluster, "kafka-broker-stop"));
        }
        return cluster.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; the shutdown hook stops it
    }

    private static KafkaClusterTestKit startCluster() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers()))) {
                new TopicProvisioner(admin).provision(Topics.ALL, (short) 1);
            }
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker for tests: " + e.getMessage(), e);
        }
    }

    private static synchronized void stopCluster() {
        try {
            cluster.close();
        } catch (Exception e) {
            // the JVM is exiting: nothing useful is left to do with the error
        }
    }
}
