package dev.gantry.sandbox.service;

import java.util.UUID;

/** A checked request to create a sandbox, from REST or Kafka. */
public record CreateSandboxRequest(UUID sandboxId, String ownerId, UUID conversationId, String template) {
}
