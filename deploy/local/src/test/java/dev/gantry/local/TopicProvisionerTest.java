package dev.gantry.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.Topics.TopicSpec;
import dev.gantry.local.TopicProvisioner.Outcome;
import dev.gantry.local.TopicProvisioner.Result;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    private static KafkaClusterTestKit kafka;
    private static Admin admin;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        admin.close();
        kafka.close();
    }

    @Test
    void createsEveryTopicWithItsPartitionsAndConfigsAndIsIdempotent() throws Exception {
        TopicProvisioner provisioner = new TopicProvisioner(admin);

        List<Result> first = provisioner.provision(Topics.ALL, (short) 1);
        List<Result> second = provisioner.provision(Topics.ALL, (short) 1);

        assertThat(first).extracting(Result::outcome).containsOnly(Outcome.CREATED);
        assertThat(second).extracting(Result::outcome).containsOnly(Outcome.UNCHANGED);
        var described = admin.describeTopics(Topics.ALL.stream().map(TopicSpec::name).toList()).allTopicNames().get();
        for (TopicSpec spec : Topics.ALL) {
            assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
        }
        var statusConfig = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.TOPIC,
                Topics.SANDBOX_STATUS))).all().get().values().iterator().next();
        assertThat(statusConfig.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void growsATopicThatHasTooFewPartitions() throws Exception {
        admin.createTopics(List.of(new NewTopic("gantry.test-small", 1, (short) 1))).all().get();

        List<Result> results = new TopicProvisioner(admin)
                .provision(List.of(new TopicSpec("gantry.test-small", 3, Map.of())), (short) 1);

        assertThat(results).containsExactly(new Result("gantry.test-small", Outcome.GREW, 3));
        assertThat(admin.describeTopics(List.of("gantry.test-small")).allTopicNames().get()
                .get("gantry.test-small").partitions()).hasSize(3);
    }
}
