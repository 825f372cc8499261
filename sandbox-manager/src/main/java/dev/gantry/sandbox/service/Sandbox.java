package dev.gantry.sandbox.service;

import dev.gantry.contracts.sandbox.SandboxStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A sandbox as the manager tracks it.
 *
 * @param instanceId   the launcher instance that serves it (its own id, or a claimed warm-pool instance's)
 * @param lastActiveAt when it was last used, through the manager or (as its runtime told the reaper) directly
 * @param launchAttempt how many launches in a row have been tried since it was last asked to start
 */
public record Sandbox(UUID id, String ownerId, UUID conversationId, String template, SandboxStatus status,
        String detail, Instant createdAt, Instant updatedAt, String instanceId, Instant lastActiveAt,
        int launchAttempt) {

    Sandbox withStatus(SandboxStatus newStatus, String newDetail, Instant at) {
        return new Sandbox(id, ownerId, conversationId, template, newStatus, newDetail, createdAt, at, instanceId,
                lastActiveAt, launchAttempt);
    }

    Sandbox activeAt(Instant at) {
        return new Sandbox(id, ownerId, conversationId, template, status, detail, createdAt, updatedAt, instanceId,
                at, launchAttempt);
    }

    Sandbox withLaunchAttempt(int attempt) {
        return new Sandbox(id, ownerId, conversationId, template, status, detail, createdAt, updatedAt, instanceId,
                lastActiveAt, attempt);
    }
}
