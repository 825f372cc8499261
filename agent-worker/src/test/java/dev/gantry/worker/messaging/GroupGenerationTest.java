package dev.gantry.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.Topics;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.testing.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A worker that keeps its partition while the workers' group moves to a new generation (another worker left or
 * joined) goes on writing: the transaction that carried the old generation is sent again with the new one, its
 * records seen once. Found by the load run: a worker stopped, the other kept partition 5, and every conversation
 * of partition 5 stopped for good ("consumer group metadata mismatch").
 */
class GroupGenerationTest {

    private final String group = "generation-test-" + UUID.randomUUID();
    private final String key = "generation-test-" + UUID.randomUUID();

    @Test
    void aTransactionWhoseGroupGenerationMovedOnIsSentAgainWithTheNewOneAndItsRecordsAreSeenOnce() throws Exception {
        try (KafkaConsumer<String, String> first = member(); KafkaConsumer<String, String> reader = FencingTest.committedReader()) {
            first.subscribe(List.of(Topics.CONVERSATION_COMMANDS));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                first.poll(Duration.ofMillis(100));
                return !first.assignment().isEmpty();
            });
            ConsumerGroupMetadata stale = first.groupMetadata();
            try (KafkaConsumer<String, String> second = member()) {
                // a second member joins: the group moves to a new generation
                second.subscribe(List.of(Topics.CONVERSATION_COMMANDS));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    first.poll(Duration.ofMillis(100));
                    second.poll(Duration.ofMillis(100));
                    return first.groupMetadata().generationId() > stale.generationId()
                            && !second.assignment().isEmpty();
                });
                AtomicReference<ConsumerGroupMetadata> current = new AtomicReference<>(first.groupMetadata());
                AtomicInteger asked = new AtomicInteger();
                // the writer's first commit carries the generation it knew; later ones the current, as the command
                // consumer's next poll would bring it
                CommandOffsets offsets = new CommandOffsets();
                PartitionWriter writer = writer(offsets,
                        () -> asked.getAndIncrement() == 0 ? stale : current.get());
                offsets.received(0);

                assertThat(writer.write(List.of(record("written while the group moved")), List.of(0L), null))
                        .succeedsWithin(Duration.ofSeconds(30));
                assertThat(asked.get()).as("the commit was tried again").isGreaterThanOrEqualTo(2);
                assertThat(writer.write(List.of(record("written after")), List.of(), null))
                        .succeedsWithin(Duration.ofSeconds(30));

                List<String> seen = new ArrayList<>();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    seen.addAll(read(reader));
                    return seen.size() >= 2;
                });
                Thread.sleep(500);
                seen.addAll(read(reader));
                assertThat(seen).containsExactly("written while the group moved", "written after");
                writer.close();
            }
        }
    }

    private PartitionWriter writer(CommandOffsets offsets,
            java.util.function.Supplier<ConsumerGroupMetadata> groupMetadata) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-writer");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new PartitionWriter(0, config, offsets, groupMetadata, Tracing.off());
    }

    private KafkaConsumer<String, String> member() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
    }

    private ProducerRecord<String, String> record(String value) {
        return new ProducerRecord<>(Topics.CONVERSATION_EVENTS, key, value);
    }

    private List<String> read(KafkaConsumer<String, String> reader) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(100))) {
            if (record.key().equals(key)) {
                values.add(record.value());
            }
        }
        return values;
    }
}
