package dev.gantry.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The write end of one conversation's event log. Its owner is the only writer, so it numbers the
 * events itself: seq goes up by one per event, and only once the events are taken by the broker.
 */
public final class EventLog {

    /** Events sent in a transaction that is held open for the step's next events; see {@link #hold}. */
    public static final class HeldStep {
        private final PartitionWriter.Held held;
        private final List<ConversationEvent> events;

        private HeldStep(PartitionWriter.Held held, List<ConversationEvent> events) {
            this.held = held;
            this.events = events;
        }

        /** The events as the log numbered them. */
        public List<ConversationEvent> events() {
            return events;
        }
    }

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
     * @param releases the held step these events complete, so they commit in its transaction; null if none
     * @throws EventWriteFailedException when this worker was fenced or Kafka failed
     */
    public synchronized List<ConversationEvent> append(List<NewEvent> events, List<Long> settledOffsets,
            HeldStep releases) {
        List<ConversationEvent> written = numbered(events);
        await(writer.write(records(written), settledOffsets, releases == null ? null : releases.held));
        lastSeq += written.size();
        return written;
    }

    /**
     * Sends the events of a step that is about to run a tool, and returns as soon as the broker has taken
     * them, which proves this worker still owns the conversation. Their transaction stays open for at most
     * {@code grace}, so that the tool's result, appended with {@link #append} releasing this step, commits
     * with them; when the grace runs out first, they are committed alone.
     *
     * @throws EventWriteFailedException when this worker was fenced or Kafka failed
     */
    public synchronized HeldStep hold(List<NewEvent> events, Duration grace) {
        List<ConversationEvent> written = numbered(events);
        PartitionWriter.Held held = writer.hold(records(written), grace);
        await(held.sent());
        lastSeq += written.size();
        return new HeldStep(held, written);
    }

    private List<ConversationEvent> numbered(List<NewEvent> events) {
        Instant now = Instant.now();
        List<ConversationEvent> written = new ArrayList<>(events.size());
        long seq = lastSeq;
        for (NewEvent event : events) {
            written.add(new ConversationEvent(event.id(), conversationId, ++seq, now, event.source(), event.payload()));
        }
        return written;
    }

    private List<ProducerRecord<String, String>> records(List<ConversationEvent> events) {
        return events.stream()
                .map(event -> new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversationId.toString(), json(event)))
                .toList();
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof EventWriteFailedException failed ? failed
                    : new EventWriteFailedException("events could not be written", e.getCause());
        }
    }

    private static String json(ConversationEvent event) {
        try {
            return GantryJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event cannot be written as JSON: " + event.kind(), e);
        }
    }
}
