package dev.gantry.contracts.sandbox;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/** Stop the sandbox's runtime but keep its workspace. */
public record PauseSandbox(
        UUID commandId,
        UUID sandboxId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt) implements SandboxCommand {

    public PauseSandbox {
        require(commandId, "commandId");
        require(sandboxId, "sandboxId");
        require(issuedAt, "issuedAt");
    }
}
