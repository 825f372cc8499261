package dev.gantry.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.Topics;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.testing.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The event writer of a partition cannot write once a new owner of the partition opened its own, and a
 * held step is visible to readers only once it is committed: with its result, or alone after its grace.
 */
class FencingTest {

    private static final Duration LONG_GRACE = Duration.ofSeconds(20);

    private final String key = "fencing-test-" + UUID.randomUUID();

    @Test
    void aStaleOwnerIsFencedByTheNewOwnersWriter() {
        String transactionalId = "fencing-test-" + UUID.randomUUID();
        PartitionWriter stale = writer(transactionalId);
        assertThat(stale.write(List.of(record("before the takeover")), List.of(), null)).succeedsWithin(Duration.ofSeconds(30));

        PartitionWriter owner = writer(transactionalId);

        assertThatThrownBy(() -> stale.write(List.of(record("from the stale owner")), List.of(), null).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(EventWriteFailedException.class);
        assertThat(owner.write(List.of(record("from the new owner")), List.of(), null)).succeedsWithin(Duration.ofSeconds(30));
        stale.close();
        owner.close();
    }

    @Test
    void aStaleOwnerCannotHoldAStepSoItNeverRunsTheTool() {
        String transactionalId = "fencing-test-" + UUID.randomUUID();
        PartitionWriter stale = writer(transactionalId);
        assertThat(stale.write(List.of(record("before the takeover")), List.of(), null)).succeedsWithin(Duration.ofSeconds(30));

        PartitionWriter owner = writer(transactionalId);

        assertThatThrownBy(() -> stale.hold(List.of(record("an action of the stale owner")), LONG_GRACE).sent().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(EventWriteFailedException.class);
        stale.close();
        owner.close();
    }

    @Test
    void aHeldStepCommitsWithItsResultInOneTransaction() throws Exception {
        try (KafkaConsumer<String, String> reader = committedReader()) {
            PartitionWriter writer = writer("fencing-test-" + UUID.randomUUID());
            PartitionWriter.Held step = writer.hold(List.of(record("action")), LONG_GRACE);
            assertThat(step.sent()).succeedsWithin(Duration.ofSeconds(30));

            assertThat(read(reader, Duration.ofMillis(500))).as("a held step is not committed yet").isEmpty();

            assertThat(writer.write(List.of(record("observation")), List.of(), step)).succeedsWithin(Duration.ofSeconds(5));
            List<String> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                seen.addAll(read(reader, Duration.ofMillis(100)));
                return seen.size() >= 2;
            });
            assertThat(seen).containsExactly("action", "observation");
            writer.close();
        }
    }

    @Test
    void aHeldStepWhoseGraceRunsOutIsCommittedAloneSoItsActionShowsWhileTheToolRuns() throws Exception {
        try (KafkaConsumer<String, String> reader = committedReader()) {
            PartitionWriter writer = writer("fencing-test-" + UUID.randomUUID());
            PartitionWriter.Held step = writer.hold(List.of(record("long action")), Duration.ofMillis(100));
            assertThat(step.sent()).succeedsWithin(Duration.ofSeconds(30));

            List<String> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                seen.addAll(read(reader, Duration.ofMillis(100)));
                return !seen.isEmpty();
            });
            assertThat(seen).containsExactly("long action");

            assertThat(writer.write(List.of(record("its result")), List.of(), step)).succeedsWithin(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                seen.addAll(read(reader, Duration.ofMillis(100)));
                return seen.size() >= 2;
            });
            assertThat(seen).containsExactly("long action", "its result");
            writer.close();
        }
    }

    private static PartitionWriter writer(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new PartitionWriter(0, config, new CommandOffsets(), () -> new ConsumerGroupMetadata("fencing-test"),
                Tracing.off());
    }

    private ProducerRecord<String, String> record(String value) {
        return new ProducerRecord<>(Topics.CONVERSATION_EVENTS, key, value);
    }

    /** Reads committed records of the event topic from now on, as the event-store does. */
    static KafkaConsumer<String, String> committedReader() {
        KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = reader.partitionsFor(Topics.CONVERSATION_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        reader.assign(partitions);
        reader.seekToEnd(partitions);
        partitions.forEach(reader::position);
        return reader;
    }

    private List<String> read(KafkaConsumer<String, String> reader, Duration wait) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : reader.poll(wait)) {
            if (record.key().equals(key)) {
                values.add(record.value());
            }
        }
        return values;
    }
}
