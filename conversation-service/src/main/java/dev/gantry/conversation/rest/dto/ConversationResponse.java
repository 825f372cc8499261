package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/** {@code Conversation} of docs/INTERNAL-API.md. */
public record ConversationResponse(
        UUID id,
        String ownerId,
        String title,
        ExecutionStatus status,
        String repository,
        String branch,
        UUID sandboxId,
        AgentSettings settings,
        ConversationMetrics metrics,
        long lastSeq,
        Instant createdAt,
        Instant updatedAt) {
}
