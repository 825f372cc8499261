package dev.gantry.contracts.sandbox;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * A sandbox reached a new state. The connection to it (URL, session key) is never here: internal
 * callers ask the sandbox-manager's REST API for it.
 *
 * @param conversationId the conversation the sandbox serves, or null
 * @param detail         what went wrong for {@code ERROR}, else optional
 */
public record SandboxStatusChanged(
        UUID sandboxId,
        UUID conversationId,
        String ownerId,
        SandboxStatus status,
        String detail,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant timestamp) implements SandboxStatusEvent {

    public SandboxStatusChanged {
        require(sandboxId, "sandboxId");
        requireText(ownerId, "ownerId");
        require(status, "status");
        require(timestamp, "timestamp");
    }
}
