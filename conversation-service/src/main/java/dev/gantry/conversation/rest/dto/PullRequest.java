package dev.gantry.conversation.rest.dto;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** A pull request (merge request on GitLab) the conversation's agent opened. */
public record PullRequest(
        String url,
        long number,
        String sourceBranch,
        String targetBranch,
        boolean draft,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
}
