package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.DeleteConversation;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A conversation that ended, whose runner left, and that its user then deleted: conversation-service no longer has
 * it (404) when the delete reaches a worker, which reads the conversation to take it up again. Seen in the load run:
 * the runner failed with an error, its command was never settled, and the next owner after a rebalance failed on it
 * again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class DeletedConversationTest {

    private static final String WORKERS = "gantry-agent-worker";

    @Test
    void aCommandForAConversationDeletedMeanwhileIsSettledWithoutAnEvent() throws Exception {
        // not known to conversation-service (the stub answers 404), but its log shows it started and finished
        Conversation conversation = new Conversation();
        List<ConversationEvent> log = List.of(
                event(conversation.id, 1, EventSource.SYSTEM, new SystemPromptEvent("You are a test agent.", List.of())),
                event(conversation.id, 2, EventSource.USER, new MessageEvent("Say hi.")),
                event(conversation.id, 3, EventSource.SYSTEM, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)),
                event(conversation.id, 4, EventSource.SYSTEM, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED)));
        RecordMetadata delete;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (ConversationEvent event : log) {
                producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.id.toString(),
                        GantryJson.mapper().writeValueAsString(event))).get();
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> conversation.events().size() == log.size());
            delete = producer.send(new ProducerRecord<>(Topics.CONVERSATION_COMMANDS, conversation.id.toString(),
                    GantryJson.mapper().writeValueAsString(
                            new DeleteConversation(UUID.randomUUID(), conversation.id, Instant.now())))).get();
        }

        TopicPartition partition = new TopicPartition(delete.topic(), delete.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(WORKERS).partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() > delete.offset();
            });
        }
        assertThat(conversation.events()).hasSize(log.size());
    }

    private static ConversationEvent event(UUID conversationId, long seq, EventSource source,
            dev.gantry.contracts.event.EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), conversationId, seq, Instant.now(), source, payload);
    }
}
