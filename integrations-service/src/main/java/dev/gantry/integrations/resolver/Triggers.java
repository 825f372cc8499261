package dev.gantry.integrations.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.git.provider.ItemRef;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a delivery as OpenHands' resolver does: an issue given the resolver's label, or a comment on an issue or
 * pull (merge) request that mentions the agent. The payload fields are those the providers document: GitHub
 * {@code issues}, {@code pull_request}, {@code issue_comment}, {@code pull_request_review_comment}; GitLab
 * {@code Issue Hook}, {@code Merge Request Hook}, {@code Note Hook}; Bitbucket {@code issue:comment_created},
 * {@code pullrequest:comment_created} (Bitbucket issues have no labels). Anything else starts nothing.
 */
public final class Triggers {

    private Triggers() {
    }

    public static Optional<Trigger> of(GitProvider provider, String event, JsonNode payload, String label, String mention) {
        return switch (provider) {
            case GITHUB -> github(event, payload, label, mention);
            case GITLAB -> gitlab(event, payload, label, mention);
            case BITBUCKET -> bitbucket(event, payload, mention);
        };
    }

    /** The mention as a word of its own: {@code @gantry} in "hi @gantry, fix it", not in "@gantry-bot" or "a@gantry". */
    static boolean mentions(String text, String mention) {
        return text != null && Pattern.compile("(?<![\\w@.-])" + Pattern.quote(mention) + "(?![\\w-])",
                Pattern.CASE_INSENSITIVE).matcher(text).find();
    }

    private static Optional<Trigger> github(String event, JsonNode p, String label, String mention) {
        String action = p.path("action").asText();
        return switch (event) {
            case "issues" -> "labeled".equals(action) && label.equalsIgnoreCase(p.path("label").path("name").asText())
                    ? Optional.of(item(p.path("issue"), "number", false, "body", null, null)) : Optional.empty();
            case "pull_request" -> "labeled".equals(action) && label.equalsIgnoreCase(p.path("label").path("name").asText())
                    ? Optional.of(item(p.path("pull_request"), "number", true, "body", null,
                            text(p.path("pull_request").path("head"), "ref"))) : Optional.empty();
            case "issue_comment" -> "created".equals(action) && mentions(text(p.path("comment"), "body"), mention)
                    ? Optional.of(item(p.path("issue"), "number", p.path("issue").has("pull_request"), "body",
                            text(p.path("comment"), "body"), null)) : Optional.empty();
            case "pull_request_review_comment" -> "created".equals(action) && mentions(text(p.path("comment"), "body"), mention)
                    ? Optional.of(item(p.path("pull_request"), "number", true, "body", text(p.path("comment"), "body"),
                            text(p.path("pull_request").path("head"), "ref"))) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<Trigger> gitlab(String event, JsonNode p, String label, String mention) {
        JsonNode attributes = p.path("object_attributes");
        return switch (event) {
            case "Issue Hook" -> labelAdded(p, label)
                    ? Optional.of(item(attributes, "iid", false, "description", null, null)) : Optional.empty();
            case "Merge Request Hook" -> labelAdded(p, label)
                    ? Optional.of(item(attributes, "iid", true, "description", null, text(attributes, "source_branch")))
                    : Optional.empty();
            case "Note Hook" -> {
                String note = text(attributes, "note");
                if (!mentions(note, mention)) {
                    yield Optional.empty();
                }
                String on = attributes.path("noteable_type").asText();
                if ("Issue".equals(on)) {
                    yield Optional.of(item(p.path("issue"), "iid", false, "description", note, null));
                }
                if ("MergeRequest".equals(on)) {
                    JsonNode request = p.path("merge_request");
                    yield Optional.of(item(request, "iid", true, "description", note, text(request, "source_branch")));
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    /** GitLab tells a label change in {@code changes.labels}: the label is in {@code current}, not in {@code previous}. */
    private static boolean labelAdded(JsonNode p, String label) {
        JsonNode labels = p.path("changes").path("labels");
        return hasLabel(labels.path("current"), label) && !hasLabel(labels.path("previous"), label);
    }

    private static boolean hasLabel(JsonNode labels, String label) {
        for (JsonNode each : labels) {
            if (label.equalsIgnoreCase(each.path("title").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Trigger> bitbucket(String event, JsonNode p, String mention) {
        String comment = text(p.path("comment").path("content"), "raw");
        if (!mentions(comment, mention)) {
            return Optional.empty();
        }
        return switch (event) {
            case "issue:comment_created" -> {
                JsonNode issue = p.path("issue");
                yield Optional.of(new Trigger(new ItemRef(issue.path("id").asLong(), false), text(issue, "title"),
                        text(issue.path("content"), "raw"), comment, null));
            }
            case "pullrequest:comment_created" -> {
                JsonNode request = p.path("pullrequest");
                yield Optional.of(new Trigger(new ItemRef(request.path("id").asLong(), true), text(request, "title"),
                        text(request, "description"), comment, text(request.path("source").path("branch"), "name")));
            }
            default -> Optional.empty();
        };
    }

    private static Trigger item(JsonNode node, String numberField, boolean pullRequest, String bodyField,
            String instructions, String branch) {
        return new Trigger(new ItemRef(node.path(numberField).asLong(), pullRequest), text(node, "title"),
                text(node, bodyField), instructions, branch);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
