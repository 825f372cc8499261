package dev.gantry.sandbox.rest;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.sandbox.service.Sandbox;
import java.time.Instant;
import java.util.UUID;

/** A sandbox as the REST API shows it (INTERNAL-API.md's {@code Sandbox}). */
public record SandboxView(UUID id, String ownerId, UUID conversationId, String template, SandboxStatus status,
        String detail, Instant createdAt, Instant updatedAt) {

    static SandboxView of(Sandbox sandbox) {
        return new SandboxView(sandbox.id(), sandbox.ownerId(), sandbox.conversationId(), sandbox.template(),
                sandbox.status(), sandbox.detail(), sandbox.createdAt(), sandbox.updatedAt());
    }
}
