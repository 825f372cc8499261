package dev.gantry.sandbox.launcher;

import java.time.Instant;
import java.util.UUID;

/** Which sandbox an instance serves; kept beside the instance so a restarted manager knows it again. */
public record SandboxClaim(UUID sandboxId, String ownerId, UUID conversationId, Instant createdAt) {
}
