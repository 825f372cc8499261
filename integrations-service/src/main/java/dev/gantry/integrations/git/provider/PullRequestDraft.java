package dev.gantry.integrations.git.provider;

/** A pull request to open: from {@code sourceBranch} (pushed already) into {@code targetBranch}. */
public record PullRequestDraft(String title, String body, String sourceBranch, String targetBranch, boolean draft) {
}
