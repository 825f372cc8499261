package dev.gantry.contracts.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The execution status of a conversation, named as in OpenHands. */
public enum ExecutionStatus {
    @JsonProperty("idle") IDLE,
    /**
     * Waiting for a place among the conversations running at once (Gantry's own: OpenHands has no queue); set by the
     * conversation-service's admission, never by the agent, and left for {@code running} once admitted.
     */
    @JsonProperty("queued") QUEUED,
    @JsonProperty("running") RUNNING,
    @JsonProperty("paused") PAUSED,
    @JsonProperty("waiting_for_confirmation") WAITING_FOR_CONFIRMATION,
    @JsonProperty("finished") FINISHED,
    @JsonProperty("error") ERROR,
    @JsonProperty("stuck") STUCK,
    @JsonProperty("stopped") STOPPED;

    /** Whether the agent has nothing more to do until the user speaks again. */
    public boolean isTerminal() {
        return this == FINISHED || this == ERROR || this == STUCK || this == STOPPED;
    }
}
