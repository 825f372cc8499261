package dev.gantry.contracts.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A command for the sandbox-manager, on {@code gantry.sandbox-commands}. Commands are idempotent:
 * applying one twice leaves the sandbox as applying it once did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CreateSandbox.class, name = "CreateSandbox"),
        @JsonSubTypes.Type(value = PauseSandbox.class, name = "PauseSandbox"),
        @JsonSubTypes.Type(value = ResumeSandbox.class, name = "ResumeSandbox"),
        @JsonSubTypes.Type(value = DeleteSandbox.class, name = "DeleteSandbox")
})
public sealed interface SandboxCommand permits CreateSandbox, PauseSandbox, ResumeSandbox, DeleteSandbox {

    UUID commandId();

    /** The record key: the sandbox this command is for. */
    UUID sandboxId();

    Instant issuedAt();
}
