package dev.gantry.conversation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A batch of events folded per conversation leaves each row where the events one by one would have. */
class ConversationProgressTest {

    static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    final UUID first = UUID.randomUUID();
    final UUID second = UUID.randomUUID();

    @Test
    void theLatestStatusAndMetricsAndTheHighestSeqOfEachConversationRemain() {
        ConversationMetrics early = new ConversationMetrics(10, 2, new BigDecimal("0.01"), 1, 100);
        ConversationMetrics late = new ConversationMetrics(30, 6, new BigDecimal("0.03"), 3, 300);
        List<ConversationEvent> batch = List.of(
                event(first, 4, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)),
                event(second, 1, new MessageEvent("hi", List.of())),
                event(first, 5, new ConversationStateUpdateEvent(null, null, early)),
                event(first, 6, ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED)),
                event(second, 2, new ConversationStateUpdateEvent(ExecutionStatus.RUNNING, null, late)),
                event(first, 7, new MessageEvent("done", List.of())));

        assertThat(ConversationProgress.fold(batch)).containsExactly(
                new ConversationProgress(first, 7, T0.plusSeconds(7), ExecutionStatus.FINISHED, early),
                new ConversationProgress(second, 2, T0.plusSeconds(2), ExecutionStatus.RUNNING, late));
    }

    @Test
    void aRedeliveredEventNotAboveWhatIsFoldedChangesNothing() {
        List<ConversationEvent> batch = List.of(
                event(first, 3, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)),
                event(first, 4, ConversationStateUpdateEvent.status(ExecutionStatus.PAUSED)),
                event(first, 3, ConversationStateUpdateEvent.status(ExecutionStatus.RUNNING)));

        assertThat(ConversationProgress.fold(batch)).containsExactly(
                new ConversationProgress(first, 4, T0.plusSeconds(4), ExecutionStatus.PAUSED, null));
    }

    @Test
    void eventsWithoutStateLeaveStatusAndMetricsUnsaid() {
        assertThat(ConversationProgress.fold(List.of(event(first, 1, new MessageEvent("hi", List.of())))))
                .containsExactly(new ConversationProgress(first, 1, T0.plusSeconds(1), null, null));
    }

    private static ConversationEvent event(UUID conversation, long seq, EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), conversation, seq, T0.plusSeconds(seq), EventSource.AGENT,
                payload);
    }
}
