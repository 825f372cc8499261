package dev.gantry.worker.agent.history;

import dev.gantry.contracts.event.RepositoryClonedEvent;

/** What the agent is told of the repository cloned into its workspace before its first step. */
final class RepositoryNote {

    private RepositoryNote() {
    }

    static String of(RepositoryClonedEvent cloned) {
        return "<REPOSITORY_INFO>\nThe repository " + cloned.repository() + " (" + cloned.host() + ") is cloned in your"
                + " working directory, on branch " + cloned.branch() + " at commit " + cloned.commit() + ". Its remote is"
                + " `origin`; `git push` works with the user's credentials. Work on a new branch, commit, push it, and use"
                + " create_pull_request to open a pull request when the task asks for one.\n</REPOSITORY_INFO>";
    }
}
