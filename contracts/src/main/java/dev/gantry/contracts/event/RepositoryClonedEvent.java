package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.requireText;

/**
 * The conversation's repository is cloned into its workspace, before the agent's first step. Written by the
 * worker, source {@code environment}; the LLM is told which repository, branch and commit it works on.
 *
 * @param repository the repository's path on its host, e.g. {@code acme/api}
 * @param host       the git host it was cloned from
 * @param branch     the branch checked out
 * @param commit     the commit checked out (full hash)
 */
public record RepositoryClonedEvent(String repository, String host, String branch, String commit) implements EventPayload {

    public RepositoryClonedEvent {
        requireText(repository, "repository");
        requireText(host, "host");
        requireText(branch, "branch");
        requireText(commit, "commit");
    }
}
