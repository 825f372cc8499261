package dev.gantry.cli.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.TerminalText;
import java.math.BigDecimal;
import java.time.ZoneId;

/** One conversation told in full for {@code gantry conversations show}, and its one-line summary for {@code /status}. */
public final class ConversationDetails {

    private ConversationDetails() {
    }

    public static String render(JsonNode conversation, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        field(text, "id", conversation.path("id").asText());
        String title = conversation.path("title").asText("");
        field(text, "title", title.isBlank() ? "(untitled)" : title);
        field(text, "status", conversation.path("status").asText());
        if (conversation.hasNonNull("repository")) {
            field(text, "repository", conversation.path("repository").asText()
                    + (conversation.hasNonNull("branch") ? " (branch " + conversation.path("branch").asText() + ")" : ""));
        }
        JsonNode settings = conversation.path("settings");
        if (settings.hasNonNull("model")) {
            field(text, "model", settings.path("model").asText());
        }
        field(text, "created", ConversationTable.time(conversation.path("createdAt").asText(null), zone));
        field(text, "updated", ConversationTable.time(conversation.path("updatedAt").asText(null), zone));
        field(text, "events", conversation.path("lastSeq").asText("0"));
        field(text, "tokens", tokens(conversation.path("metrics")));
        field(text, "cost", cost(conversation.path("metrics")));
        JsonNode pullRequests = conversation.path("pullRequests");
        if (pullRequests.isEmpty()) {
            field(text, "pull requests", "none");
        } else {
            text.append("pull requests:\n");
            for (JsonNode pullRequest : pullRequests) {
                text.append("  #").append(pullRequest.path("number").asText()).append(' ')
                        .append(TerminalText.safe(pullRequest.path("url").asText())).append(" (")
                        .append(TerminalText.safe(pullRequest.path("sourceBranch").asText())).append(" -> ")
                        .append(TerminalText.safe(pullRequest.path("targetBranch").asText()))
                        .append(pullRequest.path("draft").asBoolean() ? ", draft" : "").append(")\n");
            }
        }
        return text.toString();
    }

    /** {@code status running, 1234 tokens (1000 prompt, 234 completion) in 5 LLM calls, cost $0.0123}. */
    public static String summary(JsonNode conversation) {
        JsonNode metrics = conversation.path("metrics");
        return "status " + TerminalText.oneLine(conversation.path("status").asText(), 30) + ", " + tokens(metrics)
                + ", cost " + cost(metrics);
    }

    private static String tokens(JsonNode metrics) {
        long prompt = metrics.path("promptTokens").asLong();
        long completion = metrics.path("completionTokens").asLong();
        return (prompt + completion) + " tokens (" + prompt + " prompt, " + completion + " completion) in "
                + metrics.path("llmCalls").asLong() + " LLM calls";
    }

    private static String cost(JsonNode metrics) {
        JsonNode cost = metrics.path("cost");
        if ((cost.isMissingNode() || cost.isNull()) && metrics.path("llmCalls").asLong() == 0) {
            return "none (no LLM call)";
        }
        if (cost.isMissingNode() || cost.isNull()) {
            return "not counted (no price for the model)";
        }
        try {
            return "$" + new BigDecimal(cost.asText()).toPlainString();
        } catch (NumberFormatException e) {
            return TerminalText.oneLine(cost.asText(), 30);
        }
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(String.format("%-14s %s%n", name + ":", TerminalText.oneLine(value, 200)));
    }
}
