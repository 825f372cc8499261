package dev.gantry.worker.condenser;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import dev.gantry.worker.stuck.ContextWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The events the LLM is shown, in order: the log's chat events with every condensation applied as it
 * came (its forgotten events dropped, its summary put at its offset). Built one event at a time, so the
 * worker that writes the log and one that reads it back after a crash hold the same view, and only the
 * view stays in memory, not the whole log.
 */
public final class ContextView {

    private final List<ConversationEvent> events = new ArrayList<>();
    /** The LLM's latest answer, since the last condensation, was that the context is too long. */
    private boolean condensationRequested;

    /** The view of a whole log. */
    public static ContextView of(List<ConversationEvent> log) {
        ContextView view = new ContextView();
        log.forEach(view::add);
        return view;
    }

    public void add(ConversationEvent event) {
        switch (event.payload()) {
            case CondensationEvent condensation -> {
                Set<UUID> forgotten = new HashSet<>(condensation.forgottenEventIds());
                events.removeIf(e -> forgotten.contains(e.id()));
                if (condensation.summary() != null && condensation.summaryOffset() != null) {
                    events.add(Math.min(condensation.summaryOffset(), events.size()), event);
                }
                condensationRequested = false;
            }
            case AgentErrorEvent error when error.toolCallId() == null ->
                    condensationRequested = ContextWindow.isExceeded(error.error());
            case ActionEvent action -> {
                condensationRequested = false;
                events.add(event);
            }
            case MessageEvent message -> {
                if (event.source() == EventSource.AGENT) {
                    condensationRequested = false;
                }
                events.add(event);
            }
            default -> {
                if (shown(event)) {
                    events.add(event);
                }
            }
        }
    }

    /** The events the LLM request is built from; a summary is its {@link CondensationEvent}. */
    public List<ConversationEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    /**
     * The LLM answered that the context is too long and nothing was condensed since (OpenHands' condensation
     * request): the next step condenses first.
     */
    public boolean condensationRequested() {
        return condensationRequested;
    }

    /** The events that become chat messages; status updates, pauses, LLM failures and tool listings do not. */
    private static boolean shown(ConversationEvent event) {
        return switch (event.payload()) {
            case SystemPromptEvent prompt -> true;
            case ObservationEvent observation -> true;
            case UserRejectObservation rejection -> true;
            case RepositoryClonedEvent cloned -> true;
            case SkillsLoadedEvent skills -> true;
            case AgentErrorEvent error -> error.toolCallId() != null;
            default -> false;
        };
    }
}
