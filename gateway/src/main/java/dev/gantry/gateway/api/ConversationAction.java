package dev.gantry.gateway.api;

/** The commands that take no body; the constant is the path segment of both the public and the internal route. */
public enum ConversationAction {
    pause, resume, stop
}
