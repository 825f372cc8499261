package dev.gantry.testing;

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
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node KRaft Kafka broker inside the test JVM, with Gantry's topics created as
 * {@link Topics#ALL} describes them. It is started once per JVM and shared by every test that
 * uses it, since a broker takes seconds to start and tests tell their data apart by ids.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The broker logs every partition it creates at INFO: tests only want to hear of trouble. */
    private static final List<Logger> QUIETED = Stream.of("kafka", "org.apache.kafka", "state.change.logger")
            .map(Logger::getLogger).toList();

    private static KafkaClusterTestKit cluster;

    /** The bootstrap servers of the shared broker, starting it if no test has yet. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = startCluster();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestResource::stopCluster, "kafka-test-broker-stop"));
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
        KafkaClusterTestKit kit = startBroker(SecurityProtocol.PLAINTEXT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers()))) {
            new TopicProvisioner(admin).provision(Topics.ALL, (short) 1);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the topics on the test broker: " + e.getMessage(), e);
        }
        return kit;
    }

    /**
     * A new single-node broker with the shared one's settings, its listeners on {@code protocol}; with
     * SASL_PLAINTEXT it takes the PLAIN users of Kafka's test kit ({@code JaasUtils}). The caller closes it.
     */
    public static KafkaClusterTestKit startBroker(SecurityProtocol protocol) {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        // a broker that gives up (at the JVM's shutdown too) must not halt the JVM running the tests,
        // which surefire then reports as a crashed fork: Kafka's own tests replace these procedures too
        Exit.setExitProcedure(KafkaTestResource::refuseExit);
        Exit.setHaltProcedure(KafkaTestResource::refuseExit);
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(protocol).setControllerSecurityProtocol(protocol).build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // one broker: the group offsets and transaction logs must fit on it, as in deploy/local/kafka/server.properties
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    // one partition of group offsets is plenty for tests, and a coordinator is ready sooner
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker for tests: " + e.getMessage(), e);
        }
    }

    private static void refuseExit(int status, String message) {
        System.err.printf("the in-JVM Kafka broker asked to end the JVM (status %d: %s); it keeps running%n", status,
                message);
        throw new IllegalStateException("the test broker asked to end the JVM with status " + status + ": " + message);
    }

    private static synchronized void stopCluster() {
        try {
            cluster.close();
        } catch (Exception e) {
            // the JVM is exiting: nothing useful is left to do with the error
        }
    }
}
