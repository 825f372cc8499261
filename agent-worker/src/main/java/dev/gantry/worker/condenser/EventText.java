package dev.gantry.worker.condenser;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;

/** One forgotten event as the summarizing LLM reads it, cut to a length. */
final class EventText {

    private EventText() {
    }

    static String of(ConversationEvent event, int maxChars) {
        return cut(switch (event.payload()) {
            case SystemPromptEvent prompt -> "The agent's instructions (system prompt).";
            case MessageEvent message -> (event.source() == EventSource.USER ? "User: " : "Agent: ") + message.content();
            case ActionEvent action -> "Agent calls " + action.toolName() + " " + action.arguments()
                    + (action.thought() == null || action.thought().isBlank() ? "" : "\nThinking: " + action.thought());
            case ObservationEvent observation -> "Result of " + observation.toolName()
                    + (observation.error() ? " (failed)" : "")
                    + (observation.exitCode() == null ? "" : " (exit code " + observation.exitCode() + ")")
                    + ": " + observation.content();
            case UserRejectObservation rejection -> "The user rejected the " + rejection.toolName() + " call"
                    + (rejection.rejectionReason().isBlank() ? "." : ": " + rejection.rejectionReason());
            case AgentErrorEvent error -> "Error" + (error.toolName() == null ? "" : " of " + error.toolName()) + ": "
                    + error.error();
            case RepositoryClonedEvent cloned -> "The repository " + cloned.repository() + " was cloned, branch "
                    + cloned.branch() + " at " + cloned.commit() + ".";
            case CondensationEvent earlier -> "Summary of still earlier events:\n" + earlier.summary();
            default -> event.kind();
        }, maxChars);
    }

    private static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "\n[... " + (text.length() - maxChars) + " more characters not shown]";
    }
}
