package dev.gantry.worker.agent;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.worker.messaging.EventLog;
import dev.gantry.worker.messaging.EventWriteFailedException;
import dev.gantry.worker.messaging.NewEvent;
import dev.gantry.worker.messaging.OwnedPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How a conversation's events reach its log, this worker being its single writer: masked first, appended (or a
 * step's actions held for their first result), timed, then applied to the state. The offsets of the commands
 * handled are held too, and settled in the transaction that leaves the conversation at rest, so a worker that
 * takes over after a crash gets the command of an unfinished run again. Used on the conversation's thread only.
 */
final class EventWriter {

    private final UUID conversationId;
    private final OwnedPartition partition;
    private final StepMetrics metrics;
    private final ConversationState state;
    private final ConversationResources resources;
    private final StopSignals signals;
    private final List<Long> heldOffsets = new ArrayList<>();
    private EventLog log;
    /** The step whose actions were sent in a transaction still open for their first result; null if none. */
    private EventLog.HeldStep heldStep;

    EventWriter(UUID conversationId, OwnedPartition partition, StepMetrics metrics, ConversationState state,
            ConversationResources resources, StopSignals signals) {
        this.conversationId = conversationId;
        this.partition = partition;
        this.metrics = metrics;
        this.state = state;
        this.resources = resources;
        this.signals = signals;
    }

    /** The log as read back: what is written from now on follows its last event. */
    void open(EventLog recovered) {
        log = recovered;
    }

    /** The command at {@code offset} is being handled: it is settled once the conversation is at rest again. */
    void holdOffset(long offset) {
        heldOffsets.add(offset);
    }

    /** A change of the conversation's status (and why, for an end), as every part of the run writes it. */
    static NewEvent status(ExecutionStatus status, String reason) {
        return NewEvent.of(EventSource.SYSTEM, new ConversationStateUpdateEvent(status, reason, null));
    }

    /**
     * Appends the events and applies them to the state. When they leave the conversation at rest, the
     * commands held so far are settled in the same transaction.
     */
    void write(List<NewEvent> unmasked) {
        requireOwned();
        List<NewEvent> events = masked(unmasked);
        boolean atRest = events.stream()
                .map(NewEvent::payload)
                .filter(ConversationStateUpdateEvent.class::isInstance)
                .map(p -> ((ConversationStateUpdateEvent) p).status())
                .filter(Objects::nonNull)
                .reduce((a, b) -> b)
                .map(s -> s != ExecutionStatus.RUNNING)
                .orElse(state.status() != ExecutionStatus.RUNNING);
        List<Long> settled = atRest ? List.copyOf(heldOffsets) : List.of();
        long started = System.nanoTime();
        EventLog.HeldStep releases = heldStep;
        heldStep = null;
        List<ConversationEvent> written = log.append(events, settled, releases);
        metrics.eventWrite(Duration.ofNanos(System.nanoTime() - started));
        written.forEach(state::apply);
        heldOffsets.removeAll(settled);
    }

    /**
     * Sends a step's actions and returns once the broker has them (so this worker still owns the
     * conversation); they commit with the next events written, or alone when the grace runs out.
     */
    void hold(List<NewEvent> events, Duration grace) {
        requireOwned();
        long started = System.nanoTime();
        heldStep = log.hold(masked(events), grace);
        metrics.eventWrite(Duration.ofNanos(System.nanoTime() - started));
        heldStep.events().forEach(state::apply);
    }

    /** No value of a secret the sandbox was given is ever written: every event passes here first. */
    private List<NewEvent> masked(List<NewEvent> events) {
        return resources.setup() == null ? events : resources.sandbox().masker().mask(events);
    }

    private void requireOwned() {
        if (signals.halted()) {
            throw new EventWriteFailedException("conversation " + conversationId + " is no longer owned here", null);
        }
    }

    /** A command that wrote nothing, or wrote its conversation to rest, is settled now. */
    void settleIfAtRest() {
        if (state.status() != ExecutionStatus.RUNNING && !heldOffsets.isEmpty()) {
            partition.settle(List.copyOf(heldOffsets));
            heldOffsets.clear();
        }
    }
}
