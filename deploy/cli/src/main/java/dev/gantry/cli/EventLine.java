package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.BudgetNoticeEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.PauseEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SandboxStatusUpdateEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.contracts.event.UserRejectObservation;
import java.util.Locale;
import java.util.Optional;

/** How an event reads in a terminal: one headline, and for tool output a few indented lines. */
public final class EventLine {

    /** Tool output is shortened to this many lines in the terminal; the event log keeps all of it. */
    static final int OUTPUT_LINES = 8;

    private EventLine() {
    }

    /** The text to print for an event, or empty for events a reader does not need to see. */
    public static Optional<String> render(ConversationEvent event) {
        String text = switch (event.payload()) {
            case MessageEvent message -> (event.source() == EventSource.USER ? "you:   " : "agent: ")
                    + message.content().strip();
            case ActionEvent action -> describe(action) + (action.riskReason() == null ? ""
                    : "\n  (risk " + action.securityRisk().name().toLowerCase(Locale.ROOT) + ": " + action.riskReason() + ")");
            case ObservationEvent observation -> indent(observation.content())
                    + (observation.exitCode() == null || observation.exitCode() == 0 ? ""
                            : "\n  (exit code " + observation.exitCode() + ")");
            case UserRejectObservation rejection -> "rejected " + rejection.toolName() + ": "
                    + rejection.rejectionReason();
            case AgentErrorEvent error -> "error: " + error.error();
            case ConversationStateUpdateEvent update when update.status() != null ->
                    "status: " + statusName(update) + (update.reason() == null ? "" : " (" + update.reason() + ")");
            case ConversationStateUpdateEvent ignored -> null;
            case CondensationEvent condensation -> "(history condensed: "
                    + condensation.forgottenEventIds().size() + " events summarized)";
            case PauseEvent ignored -> "(pause requested)";
            case SandboxStatusUpdateEvent sandbox -> "sandbox: " + sandbox.status().name().toLowerCase(Locale.ROOT)
                    + (sandbox.detail() == null ? "" : " (" + sandbox.detail() + ")");
            case SystemPromptEvent ignored -> null;
            case RepositoryClonedEvent cloned -> "cloned " + cloned.host() + "/" + cloned.repository() + " (branch "
                    + cloned.branch() + " at " + cloned.commit().substring(0, Math.min(12, cloned.commit().length())) + ")";
            case dev.gantry.contracts.event.McpToolsEvent mcp -> "MCP tools: " + mcp.tools().size()
                    + mcp.failures().stream().map(f -> "; " + f.server() + " unavailable: " + f.reason())
                            .reduce("", String::concat);
            case SkillsLoadedEvent skills -> "skills: "
                    + (skills.skills().isEmpty() ? "none" : String.join(", ", skills.skills().stream()
                            .map(SkillsLoadedEvent.LoadedSkill::name).toList()))
                    + skills.skipped().stream().map(s -> "; skipped " + (s.path() == null
                            ? s.source().name().toLowerCase(Locale.ROOT) + " skills" : s.path()) + ": " + s.reason())
                            .reduce("", String::concat);
            case BudgetNoticeEvent budget -> "budget: " + budget.notice();
        };
        return Optional.ofNullable(text).map(TerminalText::safe);
    }

    /** An action as one reads it, its thought first: {@code $ ls} for a command, {@code edit: ...} for a file edit. */
    private static String describe(ActionEvent action) {
        JsonNode args = action.arguments();
        String thought = action.thought().isBlank() ? "" : action.thought().strip() + "\n";
        return thought + switch (action.toolName()) {
            case "terminal", "execute_bash" -> "$ " + args.path("command").asText();
            case "file_editor", "str_replace_editor" -> "edit: " + args.path("command").asText() + " "
                    + args.path("path").asText();
            case "think" -> "thinking: " + args.path("thought").asText();
            case "finish" -> "finish: " + args.path("message").asText();
            case "task_tracker" -> "tasks: " + args.path("command").asText();
            case "create_pull_request" -> "pull request: " + args.path("title").asText() + " (from "
                    + args.path("source_branch").asText() + ")";
            default -> action.toolName() + " " + args;
        };
    }

    /** The risk of an action, with the rule that rated it when one did: {@code high (deletes ...)}. */
    public static String risk(ActionEvent action) {
        return TerminalText.safe(action.securityRisk().name().toLowerCase(Locale.ROOT)
                + (action.riskReason() == null ? "" : " (" + action.riskReason() + ")"));
    }

    /** An action for a confirmation prompt: what it does without the thought before it. */
    public static String command(ActionEvent action) {
        String described = describe(new ActionEvent(action.toolName(), action.toolCallId(), action.arguments(), "",
                action.securityRisk(), action.llmResponseId()));
        return TerminalText.safe(described);
    }

    private static String statusName(ConversationStateUpdateEvent update) {
        return update.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String indent(String output) {
        String[] lines = output.strip().split("\n", -1);
        StringBuilder text = new StringBuilder();
        int shown = Math.min(lines.length, OUTPUT_LINES);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : "\n").append("  ").append(lines[i]);
        }
        if (lines.length > shown) {
            text.append("\n  ... (").append(lines.length - shown).append(" more lines)");
        }
        return text.toString();
    }
}
