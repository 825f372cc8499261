package dev.gantry.integrations.resolver;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.git.provider.ItemComment;
import java.util.List;

/**
 * The conversation's first message: the issue's or pull request's title, body and comments, the instructions of
 * the comment that mentioned the agent, and what to deliver (a pull request, or commits on the request's branch).
 */
final class TaskWriter {

    static final int MESSAGE_MAX = 100_000;
    static final int TITLE_MAX = 200;

    private TaskWriter() {
    }

    static String title(Trigger trigger) {
        String title = "#" + trigger.item().number() + " " + (trigger.title() == null ? "" : trigger.title().strip());
        return title.length() > TITLE_MAX ? title.substring(0, TITLE_MAX) : title.strip();
    }

    static String message(GitProvider provider, String repository, Trigger trigger, String branch, List<ItemComment> comments) {
        String kind = trigger.item().pullRequest() ? provider == GitProvider.GITLAB ? "merge request" : "pull request" : "issue";
        StringBuilder text = new StringBuilder();
        text.append("Resolve ").append(kind).append(" #").append(trigger.item().number()).append(" of ").append(repository)
                .append(" (").append(provider.wireName()).append(").\n\n");
        text.append("Title: ").append(trigger.title() == null ? "(none)" : trigger.title().strip()).append("\n\n");
        text.append("Description:\n").append(trigger.body() == null ? "(none)" : trigger.body().strip()).append("\n");
        if (!comments.isEmpty()) {
            text.append("\nComments, oldest first:\n");
            for (ItemComment comment : comments) {
                text.append("- ").append(comment.author()).append(": ").append(comment.body().strip()).append("\n");
            }
        }
        if (trigger.instructions() != null) {
            text.append("\nYou were asked in a comment:\n").append(trigger.instructions().strip()).append("\n");
        }
        if (trigger.item().pullRequest()) {
            text.append("\nThe repository is checked out on the ").append(kind).append("'s branch `").append(branch)
                    .append("`. Commit your changes and push them to that branch; do not open another ").append(kind)
                    .append(".\n");
        } else {
            text.append("\nWhen the change is done, commit it on a new branch, push the branch and open a pull request"
                    + " with the create_pull_request tool, then finish with a short summary.\n");
        }
        return text.length() > MESSAGE_MAX ? text.substring(0, MESSAGE_MAX) : text.toString();
    }
}
