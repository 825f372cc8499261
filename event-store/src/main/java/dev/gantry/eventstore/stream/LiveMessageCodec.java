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
 * The Redis messages of the live channel. One announces a stored batch: a JSON array of
 * {@code ConversationEvent}s, one message per batch so a batch's events keep their order on the
 * channel. The others are JSON objects: {@code {"probe": token}}, a replica checking that it
 * still hears the channel, and {@code {"catchUp": true}}, sent after announcements were lost,
 * which sends every stream of every replica to the log.
 */
@ApplicationScoped
public class LiveMessageCodec {

    private final ObjectMapper mapper;

    public LiveMessageCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** What a message on the channel is. */
    public sealed interface Message permits Batch, Probe, CatchUpNotice {
    }

    public record Batch(String json) implements Message {
    }

    public record Probe(String token) implements Message {
    }

    public record CatchUpNotice() implements Message {
    }

    public Message read(String message) throws JsonProcessingException {
        if (message.startsWith("[")) {
            return new Batch(message);
        }
        JsonNode notice = mapper.readTree(message);
        if (notice.hasNonNull("probe")) {
            return new Probe(notice.get("probe").asText());
        }
        if (notice.path("catchUp").asBoolean(false)) {
            return new CatchUpNotice();
        }
        throw new IllegalArgumentException("neither a batch of events, a probe nor a catch-up notice");
    }

    public String probe(String token) {
        return mapper.createObjectNode().put("probe", token).toString();
    }

    public String catchUpNotice() {
        return mapper.createObjectNode().put("catchUp", true).toString();
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
