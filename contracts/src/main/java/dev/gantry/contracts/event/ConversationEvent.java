package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requirePositive;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of a conversation's event log: the envelope every event travels in on
 * {@code gantry.conversation-events}, in the event-store and on the streams to clients.
 * The {@code kind} property of the JSON names the payload's type.
 *
 * @param seq per conversation, from 1, gap-free; assigned by the conversation's single writer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "conversationId", "seq", "timestamp", "source", "kind", "payload"})
public record ConversationEvent(
        UUID id,
        UUID conversationId,
        long seq,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant timestamp,
        EventSource source,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "kind")
        EventPayload payload) {

    public ConversationEvent {
        require(id, "id");
        require(conversationId, "conversationId");
        requirePositive(seq, "seq");
        require(timestamp, "timestamp");
        require(source, "source");
        require(payload, "payload");
    }

    /**
     * The event a record of {@code gantry.conversation-events} holds; empty, with a warning logged, for one
     * that is not an event, which a consumer skips rather than stop on.
     */
    public static Optional<ConversationEvent> fromRecord(ObjectMapper json, String record) {
        try {
            return Optional.of(json.readValue(record, ConversationEvent.class));
        } catch (JsonProcessingException unreadable) {
            System.getLogger(ConversationEvent.class.getName()).log(System.Logger.Level.WARNING,
                    "skipping an unreadable conversation event: " + unreadable.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** A new event with a fresh id. */
    public static ConversationEvent of(UUID conversationId, long seq, Instant timestamp, EventSource source,
            EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), conversationId, seq, timestamp, source, payload);
    }

    /** The {@code kind} this event has on the wire. */
    public String kind() {
        return payload.kind();
    }
}
