package dev.gantry.contracts.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/** What the sandbox-manager reports on {@code gantry.sandbox-status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes(@JsonSubTypes.Type(value = SandboxStatusChanged.class, name = "SandboxStatusChanged"))
public sealed interface SandboxStatusEvent permits SandboxStatusChanged {

    /** The record key. */
    UUID sandboxId();
}
