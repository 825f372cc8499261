package dev.gantry.contracts.sandbox;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/** Start a paused sandbox again on the workspace it had. */
public record ResumeSandbox(
        UUID commandId,
        UUID sandboxId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt) implements SandboxCommand {

    public ResumeSandbox {
        require(commandId, "commandId");
        require(sandboxId, "sandboxId");
        require(issuedAt, "issuedAt");
    }
}
