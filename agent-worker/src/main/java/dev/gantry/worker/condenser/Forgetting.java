package dev.gantry.worker.condenser;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The run of the view a condensation forgets, {@code [start, end)}, chosen as OpenHands' LLM-summarizing
 * condenser does: the first {@code keepFirst} events stay, and so does a tail that brings the view down to half
 * of {@code maxSize} (or, when the LLM said the context is too long, to half of what it is), counting the summary.
 * Both ends are moved forward to a point where no tool call is open, so an action is never split from its result
 * nor a response's tool calls from one another. The system prompt is never forgotten.
 */
public record Forgetting(int start, int end) {

    /** A condensation that would forget less than this share of the view is not worth one. */
    static final double MINIMUM_PROGRESS = 0.1;

    /** What to forget of this view, if anything can be. */
    public static Optional<Forgetting> plan(List<ConversationEvent> view, CondenserPolicy policy, boolean requested) {
        int size = view.size();
        int head = Math.min(policy.keepFirst(), size);
        int tail = Integer.MAX_VALUE;
        if (requested) {
            tail = size / 2 - head - 1;
        }
        if (size > policy.maxSize()) {
            tail = Math.min(tail, policy.maxSize() / 2 - head - 1);
        }
        if (tail == Integer.MAX_VALUE || tail < 0) {
            return Optional.empty();
        }
        boolean[] cuts = cutPoints(view);
        int start = nextCut(cuts, Math.max(head, afterSystemPrompt(view)));
        int end = nextCut(cuts, size - tail);
        if (start < 0 || end <= start || end - start < size * MINIMUM_PROGRESS) {
            return Optional.empty();
        }
        return Optional.of(new Forgetting(start, end));
    }

    /**
     * The forgotten events of the view this was planned on. Loaded skills are never forgotten: the always-on ones
     * are part of the system prompt, which stays.
     */
    public List<ConversationEvent> of(List<ConversationEvent> view) {
        return view.subList(start, end).stream().filter(e -> !(e.payload() instanceof SkillsLoadedEvent)).toList();
    }

    /**
     * {@code cuts[i]}: the view may be cut before its event {@code i} ({@code i == size}: at its end), which is
     * where every tool call made so far has its result.
     */
    static boolean[] cutPoints(List<ConversationEvent> view) {
        boolean[] cuts = new boolean[view.size() + 1];
        Set<String> open = new HashSet<>();
        cuts[0] = true;
        for (int i = 0; i < view.size(); i++) {
            switch (view.get(i).payload()) {
                case ActionEvent action -> open.add(action.toolCallId());
                case ObservationEvent observation -> open.remove(observation.toolCallId());
                case UserRejectObservation rejection -> open.remove(rejection.toolCallId());
                case AgentErrorEvent error when error.toolCallId() != null -> open.remove(error.toolCallId());
                default -> {
                    // messages, summaries, the system prompt: no tool call opens or closes
                }
            }
            cuts[i + 1] = open.isEmpty();
        }
        return cuts;
    }

    private static int nextCut(boolean[] cuts, int from) {
        for (int i = Math.max(from, 0); i < cuts.length; i++) {
            if (cuts[i]) {
                return i;
            }
        }
        return -1;
    }

    private static int afterSystemPrompt(List<ConversationEvent> view) {
        for (int i = view.size() - 1; i >= 0; i--) {
            if (view.get(i).payload() instanceof SystemPromptEvent) {
                return i + 1;
            }
        }
        return 0;
    }
}
