package dev.gantry.gateway.api;

/** A command was queued for the conversation's agent; its effect shows in the event stream. */
public record CommandAccepted(String commandId) {
}
