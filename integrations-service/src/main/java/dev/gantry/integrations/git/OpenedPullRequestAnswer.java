package dev.gantry.integrations.git;

import dev.gantry.contracts.git.GitProvider;

/** What opening a pull request answers the agent: where it is. */
public record OpenedPullRequestAnswer(String url, long number, GitProvider provider, String repository,
        String sourceBranch, String targetBranch, boolean draft) {
}
