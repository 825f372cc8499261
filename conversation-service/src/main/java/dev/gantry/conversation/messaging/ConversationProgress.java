package dev.gantry.conversation.messaging;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a run of one conversation's events leaves its row: the highest seq and its time, and the latest status and
 * metrics among them (null: none of them said). Applying the progress of a batch is the same as applying its events one
 * by one: a conversation's events are on one partition in seq order, so every state update between the row's last
 * seq and the batch's highest is in the batch; an event not above what is folded already (a redelivery) adds nothing.
 */
public record ConversationProgress(UUID conversationId, long seq, Instant at, ExecutionStatus status,
        ConversationMetrics metrics) {

    public static ConversationProgress of(ConversationEvent event) {
        ConversationStateUpdateEvent update = event.payload() instanceof ConversationStateUpdateEvent u ? u : null;
        // PostgreSQL keeps microseconds
        return new ConversationProgress(event.conversationId(), event.seq(),
                event.timestamp().truncatedTo(ChronoUnit.MICROS),
                update == null ? null : update.status(), update == null ? null : update.metrics());
    }

    /** This progress followed by {@code later}; unchanged when {@code later} is not above it. */
    public ConversationProgress then(ConversationEvent later) {
        if (later.seq() <= seq) {
            return this;
        }
        ConversationProgress next = of(later);
        return new ConversationProgress(conversationId, next.seq, next.at,
                next.status != null ? next.status : status, next.metrics != null ? next.metrics : metrics);
    }

    /** The progress of each conversation in {@code events}, in the order each first appears. */
    public static Collection<ConversationProgress> fold(List<ConversationEvent> events) {
        Map<UUID, ConversationProgress> progress = new LinkedHashMap<>();
        for (ConversationEvent event : events) {
            progress.merge(event.conversationId(), of(event), (folded, next) -> folded.then(event));
        }
        return progress.values();
    }
}
