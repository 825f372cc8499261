package dev.gantry.integrations.git.provider;

/** A pull request (merge request) the provider opened: where users see it, and its number on the repository. */
public record OpenedPullRequest(String url, long number) {
}
