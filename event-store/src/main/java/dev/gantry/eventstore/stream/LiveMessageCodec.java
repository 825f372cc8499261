package dev.gantry.eventstore.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.contracts.event.ConversationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The Redis message that announces a stored batch: a JSON array of {@code ConversationEvent}s,
 * one message per batch so a batch's events keep their order on the channel.
 */
@ApplicationScoped
public class LiveMessageCodec {

    private final ObjectMapper mapper;

    public LiveMessageCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(List<ConversationEvent> events) {
        try {
            return mapper.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored events do not write as JSON", e);
        }
    }

    /**
     * The frames of a message for the conversations someone listens to here; the others are
     * skipped without being written again.
     */
    public List<EventFrame> decode(String message, Predicate<UUID> listened) throws JsonProcessingException {
        JsonNode events = mapper.readTree(message);
        List<EventFrame> frames = new ArrayList<>();
        for (JsonNode event : events) {
            UUID conversationId = UUID.fromString(event.get("conversationId").asText());
            if (listened.test(conversationId)) {
                frames.add(new EventFrame(conversationId, event.get("seq").asLong(), event.get("kind").asText(),
                        mapper.writeValueAsString(event)));
            }
        }
        return frames;
    }

    public EventFrame frame(ConversationEvent event) {
        try {
            return new EventFrame(event.conversationId(), event.seq(), event.kind(), mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " does not write as JSON", e);
        }
    }
}
