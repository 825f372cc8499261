package dev.gantry.sandbox.messaging;

import static dev.gantry.contracts.sandbox.SandboxStatus.DELETED;
import static dev.gantry.contracts.sandbox.SandboxStatus.ERROR;
import static dev.gantry.contracts.sandbox.SandboxStatus.PAUSED;
import static dev.gantry.contracts.sandbox.SandboxStatus.RUNNING;
import static dev.gantry.contracts.sandbox.SandboxStatus.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.contracts.sandbox.DeleteSandbox;
import dev.gantry.contracts.sandbox.PauseSandbox;
import dev.gantry.contracts.sandbox.ResumeSandbox;
import dev.gantry.contracts.sandbox.SandboxCommand;
import dev.gantry.sandbox.StatusTopic;
import dev.gantry.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lifecycle driven from {@code gantry.sandbox-commands}, observed on {@code gantry.sandbox-status}. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SandboxCommandsTest {

    static final Duration START = Duration.ofSeconds(60);

    final KafkaCompanion kafka = new KafkaCompanion(KafkaTestResource.bootstrapServers());
    final StatusTopic status = new StatusTopic();

    @AfterEach
    void close() {
        status.close();
        kafka.close();
    }

    @Test
    void commandsDriveTheLifecycleAndRedeliveriesChangeNothing() {
        UUID id = UUID.randomUUID();
        CreateSandbox create = new CreateSandbox(UUID.randomUUID(), id, Instant.now(), "alice", UUID.randomUUID(), null);
        send(create);
        await().atMost(START).untilAsserted(() -> assertThat(status.statusesOf(id)).containsExactly(STARTING, RUNNING));
        assertThat(status.of(id)).allSatisfy(event -> {
            assertThat(event.ownerId()).isEqualTo("alice");
            assertThat(event.conversationId()).isEqualTo(create.conversationId());
        });

        send(create);
        send(new CreateSandbox(UUID.randomUUID(), id, Instant.now(), "alice", null, null));
        PauseSandbox pause = new PauseSandbox(UUID.randomUUID(), id, Instant.now());
        send(pause);
        send(pause);
        await().atMost(START).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, RUNNING, PAUSED));

        ResumeSandbox resume = new ResumeSandbox(UUID.randomUUID(), id, Instant.now());
        send(resume);
        send(resume);
        await().atMost(START).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, RUNNING, PAUSED, STARTING, RUNNING));

        DeleteSandbox delete = new DeleteSandbox(UUID.randomUUID(), id, Instant.now());
        send(delete);
        send(delete);
        send(create);
        await().atMost(START).untilAsserted(() -> assertThat(status.statusesOf(id))
                .containsExactly(STARTING, RUNNING, PAUSED, STARTING, RUNNING, DELETED));
        // the redelivered create after the delete must not bring it back: nothing follows DELETED
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(status.statusesOf(id)).endsWith(DELETED).hasSize(6));
    }

    @Test
    void createWithAnUnknownTemplateIsReportedAsError() {
        UUID id = UUID.randomUUID();
        send(new CreateSandbox(UUID.randomUUID(), id, Instant.now(), "alice", null, "nonesuch"));

        await().atMost(START).untilAsserted(() -> assertThat(status.of(id)).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(ERROR);
            assertThat(event.detail()).contains("nonesuch");
        }));
    }

    @Test
    void recordsThatAreNotCommandsAreSkipped() {
        UUID id = UUID.randomUUID();
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.SANDBOX_COMMANDS, id.toString(), "{\"kind\":\"Nonsense\"}"))
                .awaitCompletion();
        send(new DeleteSandbox(UUID.randomUUID(), id, Instant.now()));
        UUID next = UUID.randomUUID();
        send(new CreateSandbox(UUID.randomUUID(), next, Instant.now(), "alice", null, null));

        await().atMost(START).untilAsserted(() -> assertThat(status.statusesOf(next)).contains(RUNNING));
        assertThat(status.statusesOf(id)).isEmpty();
        send(new DeleteSandbox(UUID.randomUUID(), next, Instant.now()));
        await().atMost(START).untilAsserted(() -> assertThat(status.statusesOf(next)).endsWith(DELETED));
    }

    private void send(SandboxCommand command) {
        try {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.SANDBOX_COMMANDS,
                    command.sandboxId().toString(), GantryJson.mapper().writerFor(SandboxCommand.class)
                            .writeValueAsString(command))).awaitCompletion();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
