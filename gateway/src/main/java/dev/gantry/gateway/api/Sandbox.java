package dev.gantry.gateway.api;

import dev.gantry.contracts.sandbox.SandboxStatus;
import java.time.Instant;

/** A sandbox as sandbox-manager reports it. */
public record Sandbox(
        String id,
        String ownerId,
        String conversationId,
        String template,
        SandboxStatus status,
        String detail,
        Instant createdAt,
        Instant updatedAt) {
}
