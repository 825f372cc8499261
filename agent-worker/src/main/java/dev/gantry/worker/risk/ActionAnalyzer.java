package dev.gantry.worker.risk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.event.SecurityRisk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The worker's own rating of an action, from its tool and arguments only: terminal commands by
 * {@link CommandAnalyzer}, file edits by where the file is (outside the workspace is HIGH), MCP tools by the commands
 * their arguments carry. The built-in tools that touch nothing are LOW.
 */
final class ActionAnalyzer {

    private static final Set<String> HARMLESS_TOOLS = Set.of("think", "finish", "task_tracker");
    private static final Set<String> EDITS = Set.of("create", "str_replace", "insert", "undo_edit");
    /** How much of an MCP call's arguments is read: enough for any command, not a whole file's content. */
    private static final int MAX_SCANNED_STRINGS = 64;
    private static final int MAX_SCANNED_LENGTH = 10_000;

    private ActionAnalyzer() {
    }

    static Rating rate(String toolName, JsonNode arguments, String workspace) {
        return switch (toolName) {
            case "terminal", "execute_bash" -> CommandAnalyzer.rate(arguments.path("command").asText(""), workspace);
            case "file_editor", "str_replace_editor" -> fileEdit(arguments, workspace);
            case "create_pull_request" -> Rating.medium("opens a pull request others see on the repository's host");
            default -> HARMLESS_TOOLS.contains(toolName) ? Rating.LOW : mcpCall(arguments, workspace);
        };
    }

    private static Rating fileEdit(JsonNode arguments, String workspace) {
        String command = arguments.path("command").asText("");
        String path = arguments.path("path").asText("");
        if (path.isEmpty() || (!command.equals("view") && !EDITS.contains(command))) {
            return Rating.UNKNOWN;
        }
        PathKind kind = PathKind.of(path, null, workspace);
        if (command.equals("view")) {
            return PathKind.isSecretFile(path) || kind == PathKind.SSH
                    ? Rating.medium("reads a secret file (" + path + "): what it shows goes to the LLM") : Rating.LOW;
        }
        if (kind != PathKind.INSIDE) {
            return Rating.high("edits a file outside the workspace " + workspace + " (" + path + ")");
        }
        String inside = path.startsWith("/") ? path : workspace + "/" + path;
        if (inside.contains("/.git/hooks/") || inside.endsWith("/.git/config")) {
            return Rating.medium("changes git's hooks or configuration, which run on later git commands (" + path + ")");
        }
        return Rating.LOW;
    }

    /**
     * An MCP tool's effect is its server's secret: the analyzer rates the commands its string arguments carry and
     * otherwise says it cannot tell (UNKNOWN), so the LLM's rating decides, or confirmation when there is none.
     */
    private static Rating mcpCall(JsonNode arguments, String workspace) {
        List<String> strings = new ArrayList<>();
        collect(arguments, strings);
        Rating rating = Rating.UNKNOWN;
        for (String text : strings) {
            Rating found = CommandAnalyzer.rate(text, workspace);
            if (found.risk().compareTo(SecurityRisk.MEDIUM) >= 0) {
                rating = rating.or(new Rating(found.risk(), "an argument reads as a command that " + found.reason()));
            }
        }
        return rating;
    }

    private static void collect(JsonNode node, List<String> strings) {
        if (strings.size() >= MAX_SCANNED_STRINGS) {
            return;
        }
        if (node.isTextual() && node.asText().length() <= MAX_SCANNED_LENGTH) {
            strings.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, strings));
        }
    }
}
