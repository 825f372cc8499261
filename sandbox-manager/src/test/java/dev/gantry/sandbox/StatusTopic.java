package dev.gantry.sandbox;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.contracts.sandbox.SandboxStatusEvent;
import dev.gantry.testing.KafkaTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Reads {@code gantry.sandbox-status} from the start, as a consumer of the platform would. */
public final class StatusTopic implements AutoCloseable {

    private final KafkaCompanion companion = new KafkaCompanion(KafkaTestResource.bootstrapServers());
    private final ConsumerTask<String, String> records = companion.consumeStrings()
            .withProp("auto.offset.reset", "earliest").withGroupId("test-" + UUID.randomUUID())
            .fromTopics(Topics.SANDBOX_STATUS);

    /** The status events of one sandbox, in the order published; each record is checked to be keyed by its id. */
    public List<SandboxStatusChanged> of(UUID sandboxId) {
        return records.getRecords().stream().filter(r -> sandboxId.toString().equals(r.key())).map(r -> {
            try {
                return (SandboxStatusChanged) GantryJson.mapper().readValue(r.value(), SandboxStatusEvent.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    public List<SandboxStatus> statusesOf(UUID sandboxId) {
        return of(sandboxId).stream().map(SandboxStatusChanged::status).toList();
    }

    /** The raw JSON of every record of the sandbox, to check what never goes on the topic. */
    public List<String> rawOf(UUID sandboxId) {
        return records.getRecords().stream().filter(r -> sandboxId.toString().equals(r.key())).map(r -> r.value())
                .toList();
    }

    @Override
    public void close() {
        records.close();
        companion.close();
    }
}
