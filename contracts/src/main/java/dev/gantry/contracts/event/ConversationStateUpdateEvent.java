package dev.gantry.contracts.event;

/**
 * A change of the conversation's state: its execution status, its running metrics, or both.
 *
 * @param status  the new execution status, null when only the metrics changed
 * @param reason  why the status changed, where there is something to say (an error, stuck detection)
 * @param metrics the conversation's totals so far, null when only the status changed
 */
public record ConversationStateUpdateEvent(ExecutionStatus status, String reason, ConversationMetrics metrics)
        implements EventPayload {

    public ConversationStateUpdateEvent {
        if (status == null && metrics == null) {
            throw new IllegalArgumentException("a state update needs a 'status' or 'metrics'");
        }
    }

    public static ConversationStateUpdateEvent status(ExecutionStatus status) {
        return new ConversationStateUpdateEvent(status, null, null);
    }
}
