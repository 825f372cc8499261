package dev.gantry.contracts.sandbox;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/** Remove the sandbox and its workspace. */
public record DeleteSandbox(
        UUID commandId,
        UUID sandboxId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt) implements SandboxCommand {

    public DeleteSandbox {
        require(commandId, "commandId");
        require(sandboxId, "sandboxId");
        require(issuedAt, "issuedAt");
    }
}
