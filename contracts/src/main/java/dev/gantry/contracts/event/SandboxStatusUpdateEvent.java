package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;

import dev.gantry.contracts.sandbox.SandboxStatus;
import java.util.UUID;

/**
 * The conversation's sandbox changed under it: it was found paused (by the idle reaper or a user) and is
 * being resumed, or it runs again, on the same workspace. Written by the worker, source {@code system},
 * so that clients following the conversation see why a step waits; never sent to the LLM.
 *
 * @param detail what the worker does about it, or why the sandbox failed
 */
public record SandboxStatusUpdateEvent(UUID sandboxId, SandboxStatus status, String detail) implements EventPayload {

    public SandboxStatusUpdateEvent {
        require(sandboxId, "sandboxId");
        require(status, "status");
    }
}
