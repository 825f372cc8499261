package dev.gantry.conversation.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes to the event topic as an agent-worker does, for the projection (and what it wakes) to read. */
public final class EventTopic {

    private EventTopic() {
    }

    /** An agent's event of the conversation, with this seq and time. */
    public static void publish(String conversationId, long seq, Instant at, EventPayload payload) {
        ConversationEvent event = new ConversationEvent(UUID.randomUUID(), UUID.fromString(conversationId), seq, at,
                EventSource.AGENT, payload);
        try {
            send(conversationId, GantryJson.mapper().writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Any record value, keyed by the conversation. */
    public static void send(String conversationId, String value) {
        try (KafkaCompanion kafka = new KafkaCompanion(CommandLog.bootstrapServers())) {
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversationId, value))
                    .awaitCompletion();
        }
    }
}
