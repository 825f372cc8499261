package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code Conversation} of docs/INTERNAL-API.md.
 *
 * @param repositoryHost the git host of {@code repository} (the connection it is cloned with), or null
 * @param pullRequests   the pull requests its agent opened, oldest first
 */
public record ConversationResponse(
        UUID id,
        String ownerId,
        String title,
        ExecutionStatus status,
        String repository,
        String branch,
        String repositoryHost,
        List<PullRequest> pullRequests,
        UUID sandboxId,
        AgentSettings settings,
        ConversationMetrics metrics,
        long lastSeq,
        Instant createdAt,
        Instant updatedAt) {
}
