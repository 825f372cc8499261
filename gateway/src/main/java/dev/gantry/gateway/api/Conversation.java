package dev.gantry.gateway.api;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/** A conversation as conversation-service keeps it; {@code lastSeq} is the seq of its newest event. */
public record Conversation(
        UUID id,
        String ownerId,
        String title,
        ExecutionStatus status,
        String repository,
        String branch,
        String sandboxId,
        AgentSettings settings,
        ConversationMetrics metrics,
        long lastSeq,
        Instant createdAt,
        Instant updatedAt) {
}
