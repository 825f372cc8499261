package dev.gantry.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The write end of one conversation's event log. Its owner is the only writer, so it numbers the
 * events itself: seq goes up by one per event, and only once the events are committed.
 */
public final class EventLog {

    private final UUID conversationId;
    private final PartitionWriter writer;
    private long lastSeq;

    EventLog(UUID conversationId, PartitionWriter writer, long lastSeq) {
        this.conversationId = conversationId;
        this.writer = writer;
        this.lastSeq = lastSeq;
    }

    public UUID conversationId() {
        return conversationId;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * Appends the events in one transaction, with the command offsets they settle, and waits until
     * they are committed.
     *
     * @throws EventWriteFailedException when this worker was fenced or Kafka failed
     */
    public synchronized List<ConversationEvent> append(List<NewEvent> events, List<Long> settledOffsets) {
        Instant now = Instant.now();
        List<ConversationEvent> written = new ArrayList<>(events.size());
        List<ProducerRecord<String, String>> records = new ArrayList<>(events.size());
        long seq = lastSeq;
        for (NewEvent event : events) {
            ConversationEvent logged = new ConversationEvent(event.id(), conversationId, ++seq, now, event.source(),
                    event.payload());
            written.add(logged);
            records.add(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversationId.toString(), json(logged)));
        }
        try {
            writer.write(records, settledOffsets).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof EventWriteFailedException failed ? failed
                    : new EventWriteFailedException("events could not be written", e.getCause());
        }
        lastSeq = seq;
        return written;
    }

    private static String json(ConversationEvent event) {
        try {
            return GantryJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event cannot be written as JSON: " + event.kind(), e);
        }
    }
}
