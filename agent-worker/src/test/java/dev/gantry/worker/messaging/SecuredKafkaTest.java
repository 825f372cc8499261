package dev.gantry.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.Topics;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.local.TopicProvisioner;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker's own Kafka clients (command consumer, event writers, event reader) on a broker that takes only
 * SASL-authenticated clients: they connect with the application's {@code kafka.*} security settings, as its
 * messaging channels do, and a wrong password is refused rather than ignored.
 */
class SecuredKafkaTest {

    private static KafkaClusterTestKit broker;

    private final String key = "secured-kafka-test-" + UUID.randomUUID();

    @BeforeAll
    static void startABrokerThatRequiresSasl() throws Exception {
        broker = KafkaTestResource.startBroker(SecurityProtocol.SASL_PLAINTEXT);
        Map<String, Object> admin = new HashMap<>(common(JaasUtils.KAFKA_PLAIN_ADMIN, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
        try (Admin client = Admin.create(admin)) {
            new TopicProvisioner(client).provision(Topics.ALL, (short) 1);
        }
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        broker.close();
    }

    @Test
    void theEventWriterAndReaderAuthenticateWithTheApplicationsKafkaSettings() throws Exception {
        KafkaSettings settings = settings(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(settings.eventReader(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.CONVERSATION_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.assign(partitions);
            reader.seekToEnd(partitions);
            partitions.forEach(reader::position);

            try (PartitionWriter writer = writer(settings)) {
                assertThat(writer.write(List.of(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, key, "an event")),
                        List.of(), null)).succeedsWithin(Duration.ofSeconds(30));
            }

            List<String> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(100))) {
                    if (record.key().equals(key)) {
                        seen.add(record.value());
                    }
                }
                return !seen.isEmpty();
            });
            assertThat(seen).containsExactly("an event");
        }
    }

    @Test
    void theCommandConsumerJoinsItsGroupOnTheSecuredBroker() {
        KafkaSettings settings = settings(JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD);
        Map<String, Object> config = new HashMap<>(settings.commandConsumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-kafka-test-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CONVERSATION_COMMANDS));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });
            assertThat(consumer.assignment()).hasSize(Topics.ALL.stream()
                    .filter(topic -> topic.name().equals(Topics.CONVERSATION_COMMANDS)).findFirst().orElseThrow().partitions());
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheBroker() {
        KafkaSettings settings = settings("not-the-password");
        assertThatThrownBy(() -> writer(settings).close()).isInstanceOf(SaslAuthenticationException.class);
    }

    private static PartitionWriter writer(KafkaSettings settings) {
        return new PartitionWriter(0, settings.eventWriter(0), new CommandOffsets(),
                () -> new ConsumerGroupMetadata("secured-kafka-test"), Tracing.off());
    }

    /** The settings the worker builds from {@code kafka.*} = the broker, SASL/PLAIN and the given password. */
    private static KafkaSettings settings(String password) {
        WorkerConfig config = new SmallRyeConfigBuilder()
                .withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("gantry.worker.commands.transactional-id-prefix", "secured-kafka-test-" + UUID.randomUUID() + "-")
                .build()
                .getConfigMapping(WorkerConfig.class);
        return new KafkaSettings(common(JaasUtils.KAFKA_PLAIN_ADMIN, password), config);
    }

    private static Map<String, Object> common(String user, String password) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\";");
    }
}
