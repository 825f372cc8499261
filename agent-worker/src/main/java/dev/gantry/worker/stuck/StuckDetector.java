package dev.gantry.worker.stuck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenHands' five signs that an agent goes round in circles, looked for in the events since the
 * user's last message. The counts are OpenHands'.
 */
public final class StuckDetector {

    static final int SAME_ACTION_AND_OBSERVATION = 4;
    static final int SAME_ACTION_ERRORING = 3;
    static final int MONOLOGUE = 3;
    static final int ALTERNATING_PAIRS = 6;
    static final int CONTEXT_WINDOW_ERRORS = 3;

    private StuckDetector() {
    }

    /** The pattern found, if any. */
    public static Optional<StuckPattern> detect(List<ConversationEvent> history) {
        List<ConversationEvent> recent = sinceLastUserMessage(history);
        List<Step> steps = steps(recent);
        if (repeats(steps, SAME_ACTION_AND_OBSERVATION, false)) {
            return Optional.of(StuckPattern.REPEATED_ACTION_AND_OBSERVATION);
        }
        if (repeats(steps, SAME_ACTION_ERRORING, true)) {
            return Optional.of(StuckPattern.REPEATED_ACTION_ERROR);
        }
        if (monologue(recent)) {
            return Optional.of(StuckPattern.MONOLOGUE);
        }
        if (alternates(steps)) {
            return Optional.of(StuckPattern.ALTERNATING_ACTIONS);
        }
        if (contextWindowErrors(recent)) {
            return Optional.of(StuckPattern.CONTEXT_WINDOW_ERRORS);
        }
        return Optional.empty();
    }

    /** An action (tool and arguments) and what came back. */
    private record Step(String action, String observation, boolean error) {

        boolean sameAs(Step other) {
            return action.equals(other.action) && observation.equals(other.observation);
        }
    }

    private static List<ConversationEvent> sinceLastUserMessage(List<ConversationEvent> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            ConversationEvent event = history.get(i);
            if (event.source() == EventSource.USER && event.payload() instanceof MessageEvent) {
                return history.subList(i + 1, history.size());
            }
        }
        return history;
    }

    private static List<Step> steps(List<ConversationEvent> events) {
        Map<String, String> actions = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (ConversationEvent event : events) {
            switch (event.payload()) {
                case ActionEvent action -> actions.put(action.toolCallId(), action.toolName() + " " + withoutRisk(action.arguments()));
                case ObservationEvent observation -> steps.add(new Step(
                        actions.getOrDefault(observation.toolCallId(), observation.toolName()),
                        observation.content(), observation.error()));
                case UserRejectObservation rejection -> steps.add(new Step(
                        actions.getOrDefault(rejection.toolCallId(), rejection.toolName()), "rejected", false));
                case AgentErrorEvent error when error.toolCallId() != null -> steps.add(new Step(
                        actions.getOrDefault(error.toolCallId(), error.toolName() + " (invalid call)"),
                        error.error(), true));
                default -> {
                    // not an action or its result
                }
            }
        }
        return steps;
    }

    private static String withoutRisk(JsonNode arguments) {
        return arguments.deepCopy() instanceof ObjectNode copy
                ? copy.without("security_risk").toString() : arguments.toString();
    }

    private static boolean repeats(List<Step> steps, int times, boolean erroring) {
        if (steps.size() < times) {
            return false;
        }
        List<Step> last = steps.subList(steps.size() - times, steps.size());
        Step first = last.get(0);
        return last.stream().allMatch(step -> erroring
                ? step.error() && step.action().equals(first.action())
                : step.sameAs(first));
    }

    private static boolean monologue(List<ConversationEvent> events) {
        int agentMessages = 0;
        for (int i = events.size() - 1; i >= 0 && agentMessages < MONOLOGUE; i--) {
            ConversationEvent event = events.get(i);
            if (event.payload() instanceof MessageEvent) {
                if (event.source() != EventSource.AGENT) {
                    return false;
                }
                agentMessages++;
            } else if (event.payload() instanceof ActionEvent || event.payload() instanceof ObservationEvent) {
                return false;
            }
        }
        return agentMessages >= MONOLOGUE;
    }

    private static boolean alternates(List<Step> steps) {
        if (steps.size() < ALTERNATING_PAIRS) {
            return false;
        }
        List<Step> last = steps.subList(steps.size() - ALTERNATING_PAIRS, steps.size());
        Step a = last.get(0);
        Step b = last.get(1);
        if (a.action().equals(b.action())) {
            return false;
        }
        for (int i = 0; i < last.size(); i++) {
            if (!last.get(i).sameAs(i % 2 == 0 ? a : b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contextWindowErrors(List<ConversationEvent> events) {
        int errors = 0;
        for (int i = events.size() - 1; i >= 0 && errors < CONTEXT_WINDOW_ERRORS; i--) {
            if (events.get(i).payload() instanceof AgentErrorEvent error && error.toolCallId() == null) {
                if (!ContextWindow.isExceeded(error.error())) {
                    return false;
                }
                errors++;
            } else if (events.get(i).payload() instanceof ActionEvent || events.get(i).payload() instanceof MessageEvent) {
                return false;
            }
        }
        return errors >= CONTEXT_WINDOW_ERRORS;
    }
}
