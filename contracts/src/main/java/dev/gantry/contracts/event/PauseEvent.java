package dev.gantry.contracts.event;

/** The user asked the agent to pause; it stops after the step it is in. */
public record PauseEvent() implements EventPayload {
}
