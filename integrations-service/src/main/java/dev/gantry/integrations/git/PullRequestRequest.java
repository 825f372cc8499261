package dev.gantry.integrations.git;

/**
 * {@code POST /internal/conversations/{id}/pull-requests}, the agent's {@code create_pull_request}: from
 * {@code sourceBranch} (pushed already) into {@code targetBranch}, the repository's default branch when null.
 */
public record PullRequestRequest(String title, String body, String sourceBranch, String targetBranch, Boolean draft) {
}
