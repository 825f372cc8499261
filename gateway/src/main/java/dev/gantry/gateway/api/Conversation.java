package dev.gantry.gateway.api;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as conversation-service keeps it; {@code lastSeq} is the seq of its newest event,
 * {@code repositoryHost} the git host its repository is cloned from, {@code pullRequests} those its agent opened.
 */
public record Conversation(
        UUID id,
        String ownerId,
        String title,
        ExecutionStatus status,
        String repository,
        String branch,
        String repositoryHost,
        List<PullRequest> pullRequests,
        String sandboxId,
        AgentSettings settings,
        ConversationMetrics metrics,
        long lastSeq,
        Instant createdAt,
        Instant updatedAt) {

    /** A pull request (merge request on GitLab) the conversation's agent opened. */
    public record PullRequest(String url, long number, String sourceBranch, String targetBranch, boolean draft,
            Instant createdAt) {
    }
}
