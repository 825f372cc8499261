package dev.gantry.sandbox.rest;

/** The body of {@code POST /sandboxes}; ids are strings here so a malformed one is named in a 400. */
public record CreateSandboxBody(String sandboxId, String ownerId, String conversationId, String template) {
}
