package dev.gantry.conversation.outbox;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.Pause;
import dev.gantry.conversation.config.OutboxConfig;
import dev.gantry.conversation.support.CommandLog;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * The shared in-JVM broker cannot be stopped, so the outage is the relay's: for the first half of
 * the test its sender is a real Kafka producer pointed at a port where no broker listens (the
 * bean is swapped with QuarkusMock for this test only), then one pointed at the real broker again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class OutboxRelayTest {

    private static final Duration OUTAGE_SEEN = Duration.ofSeconds(30);

    @Inject
    OutboxRepository outbox;

    @Inject
    OutboxConfig config;

    @Inject
    CommandOutbox commands;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void aCommandWrittenWhileKafkaIsUnreachableIsDeliveredOnceItReturns() throws IOException {
        Map<String, Object> unreachable = new HashMap<>(KafkaRecordSender.producerConfig(kafka, config));
        unreachable.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + portNobodyListensOn());
        KafkaRecordSender brokerDown = new KafkaRecordSender(unreachable, Tracing.off());
        KafkaRecordSender brokerBack = new KafkaRecordSender(KafkaRecordSender.producerConfig(kafka, config), Tracing.off());
        try {
            // the relay stops a pass at the first failure; commands of earlier tests go first
            await().atMost(OUTAGE_SEEN).until(() -> pendingCount() == 0);
            QuarkusMock.installMockForType(brokerDown, KafkaRecordSender.class);
            String user = newUser();
            String id = as(user).post("/conversations").then().statusCode(201).extract().path("id");

            // the API answered: the command is committed, and each relay pass fails to send it
            await().atMost(OUTAGE_SEEN).until(() -> startCommand(id).attempts >= 2);
            OutboxMessage pending = startCommand(id);
            assertThat(pending.sentAt).isNull();
            assertThat(pending.lastError).isNotBlank();
            assertThat(CommandLog.on(Topics.CONVERSATION_COMMANDS, id)).isEmpty();

            QuarkusMock.installMockForType(brokerBack, KafkaRecordSender.class);

            assertThat(CommandLog.conversationCommands(id, 1).getFirst().path("kind").asText())
                    .isEqualTo("StartConversation");
            OutboxMessage sent = startCommand(id);
            assertThat(sent.sentAt).isNotNull();
            assertThat(CommandLog.conversationCommands(id, 1).getFirst().path("commandId").asText())
                    .isEqualTo(sent.commandId.toString());
        } finally {
            brokerDown.close();
            brokerBack.close();
        }
    }

    @Test
    void aCommandCommittedByAProcessThatDiedBeforeItsSendIsDeliveredByThePeriodicPass() throws Throwable {
        UUID conversationId = UUID.randomUUID();
        Pause pause = new Pause(UUID.randomUUID(), conversationId, Instant.now());

        // committed as a change does, without the wake-up that would follow it: as if the process died right after
        VertxContextSupport.subscribeAndAwait(() -> commands.enqueue(pause));

        List<JsonNode> delivered = CommandLog.conversationCommands(conversationId, 1);
        assertThat(delivered.getFirst().path("commandId").asText()).isEqualTo(pause.commandId().toString());
        assertThat(delivered.getFirst().path("kind").asText()).isEqualTo("Pause");
    }

    private long pendingCount() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox.count("sentAt is null")));
        } catch (Throwable e) {
            throw new IllegalStateException("could not read the outbox", e);
        }
    }

    private OutboxMessage startCommand(String conversationId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outbox
                    .find("recordKey = ?1 and kind = ?2", conversationId, "StartConversation").singleResult()));
        } catch (Throwable e) {
            throw new IllegalStateException("could not read the outbox", e);
        }
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
