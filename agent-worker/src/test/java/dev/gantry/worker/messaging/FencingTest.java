package dev.gantry.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.Topics;
import dev.gantry.testing.KafkaTestResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The event writer of a partition cannot write once a new owner of the partition opened its own. */
class FencingTest {

    @Test
    void aStaleOwnerIsFencedByTheNewOwnersWriter() {
        String transactionalId = "fencing-test-" + UUID.randomUUID();
        PartitionWriter stale = writer(transactionalId);
        assertThat(stale.write(List.of(record("before the takeover")), List.of())).succeedsWithin(java.time.Duration.ofSeconds(30));

        PartitionWriter owner = writer(transactionalId);

        assertThatThrownBy(() -> stale.write(List.of(record("from the stale owner")), List.of()).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(EventWriteFailedException.class);
        assertThat(owner.write(List.of(record("from the new owner")), List.of())).succeedsWithin(java.time.Duration.ofSeconds(30));
        stale.close();
        owner.close();
    }

    private static PartitionWriter writer(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new PartitionWriter(0, config, new CommandOffsets(), () -> new ConsumerGroupMetadata("fencing-test"));
    }

    private static ProducerRecord<String, String> record(String value) {
        return new ProducerRecord<>(Topics.CONVERSATION_EVENTS, "fencing-test", value);
    }
}
