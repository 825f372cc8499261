package dev.gantry.contracts.sandbox;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * Create the sandbox, or do nothing if it exists.
 *
 * @param conversationId the conversation it serves, or null
 * @param template       the sandbox template (image, resources), or null for the default one
 */
public record CreateSandbox(
        UUID commandId,
        UUID sandboxId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt,
        String ownerId,
        UUID conversationId,
        String template) implements SandboxCommand {

    public CreateSandbox {
        require(commandId, "commandId");
        require(sandboxId, "sandboxId");
        require(issuedAt, "issuedAt");
        requireText(ownerId, "ownerId");
    }
}
