package dev.gantry.worker.agent;

import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.command.StartConversation;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.worker.messaging.EventLog;
import dev.gantry.worker.messaging.OwnedPartition;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a conversation's log back before its first command on this worker, so that a take-over goes on where
 * the last worker stopped: the state is rebuilt from every event, in order and without a gap, and the setup of a
 * conversation that has started is asked of conversation-service (only a StartConversation carries it).
 */
final class LogRecovery {

    /** Reading a conversation's log before its first command longer than this is worth a line. */
    private static final long SLOW_RECOVERY_NANOS = 1_000_000_000L;

    private final UUID conversationId;
    private final OwnedPartition partition;
    private final AgentServices services;
    private final ConversationState state;
    private final ConversationResources resources;

    LogRecovery(UUID conversationId, OwnedPartition partition, AgentServices services, ConversationState state,
            ConversationResources resources) {
        this.conversationId = conversationId;
        this.partition = partition;
        this.services = services;
        this.state = state;
        this.resources = resources;
    }

    /**
     * Reads the log back: the event-store, then whatever of the topic it has not stored yet. For a conversation's
     * start both are read at once: nothing of a conversation is written before its start was issued, so the topic
     * is read from then, beside the event-store, instead of from the event-store's last event after it answered
     * (a burst of conversations starting on one worker waits for the slower of the two reads, not for both).
     *
     * @return the log, to be written after its last event
     */
    EventLog recover(ConversationCommand first) {
        long began = System.nanoTime();
        TreeMap<Long, ConversationEvent> bySeq = new TreeMap<>();
        ReadTimes spent = first instanceof StartConversation ? readSideBySide(first, bySeq) : readInTurn(first, bySeq);
        long took = System.nanoTime() - began;
        if (took > SLOW_RECOVERY_NANOS) {
            Log.infof("reading the log of conversation %s took %d ms (event-store %d ms, event topic %d ms)",
                    conversationId, took / 1_000_000, spent.eventStoreNanos() / 1_000_000,
                    spent.topicNanos() / 1_000_000);
        }
        long expected = 1;
        for (ConversationEvent event : bySeq.values()) {
            if (event.seq() != expected++) {
                throw new IllegalStateException("the log of conversation " + conversationId + " has a gap before seq "
                        + event.seq());
            }
            state.apply(event);
        }
        EventLog log = partition.eventLog(conversationId, state.lastSeq());
        if (first instanceof StartConversation start) {
            resources.setUp(ConversationSetup.of(start));
        } else if (state.started()) {
            // a conversation deleted since its commands were sent: left without a setup, its commands are settled
            // without effect (ConversationCommands), as there is nothing left to run them on
            services.conversations().conversation(conversationId).ifPresentOrElse(
                    known -> resources.setUp(new ConversationSetup(known.ownerId(), known.sandboxId(),
                            known.settings(), known.repository())),
                    () -> Log.infof("conversation %s was deleted: its commands are settled without effect",
                            conversationId));
        }
        if (!bySeq.isEmpty()) {
            Log.infof("conversation %s taken over at seq %d, status %s", conversationId, state.lastSeq(),
                    state.status());
        }
        return log;
    }

    /** How long the event-store's read and the topic's took. */
    private record ReadTimes(long eventStoreNanos, long topicNanos) {
    }

    /** What one read gave and how long it took. */
    private record Read(List<ConversationEvent> events, long nanos) {
    }

    /** The event-store, then the topic after its last event. */
    private ReadTimes readInTurn(ConversationCommand first, TreeMap<Long, ConversationEvent> bySeq) {
        long began = System.nanoTime();
        List<ConversationEvent> stored = services.eventStore().history(conversationId);
        long read = System.nanoTime();
        Instant since = stored.isEmpty() ? first.issuedAt() : stored.get(stored.size() - 1).timestamp();
        long storedSeq = stored.isEmpty() ? 0 : stored.get(stored.size() - 1).seq();
        stored.forEach(e -> bySeq.put(e.seq(), e));
        services.eventTopic().tail(conversationId, storedSeq, since).forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        return new ReadTimes(read - began, System.nanoTime() - read);
    }

    /** The event-store and, at the same time, the topic since the start was issued. */
    private ReadTimes readSideBySide(ConversationCommand start, TreeMap<Long, ConversationEvent> bySeq) {
        long began = System.nanoTime();
        long stored;
        Read tail;
        try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Read> fromTopic = reads.submit(() -> new Read(
                    services.eventTopic().tail(conversationId, 0, start.issuedAt()), System.nanoTime() - began));
            services.eventStore().history(conversationId).forEach(e -> bySeq.put(e.seq(), e));
            stored = System.nanoTime() - began;
            tail = fromTopic.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log of conversation " + conversationId, e);
        }
        tail.events().forEach(e -> bySeq.putIfAbsent(e.seq(), e));
        return new ReadTimes(stored, tail.nanos());
    }
}
