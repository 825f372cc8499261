package dev.gantry.worker.tools;

import java.util.List;

/**
 * What a tool call gave, as the LLM will read it.
 *
 * @param exitCode the command's exit code for the terminal, else null
 * @param error    the tool ran but reports a failure
 * @param finishes the agent is done with the task
 * @param images   images for the LLM to see, as {@code data:} URLs (the editor's view of an image file)
 */
public record ToolResult(String content, Integer exitCode, boolean error, boolean finishes, List<String> images) {

    public ToolResult(String content, Integer exitCode, boolean error, boolean finishes) {
        this(content, exitCode, error, finishes, List.of());
    }

    public ToolResult {
        images = images == null ? List.of() : List.copyOf(images);
    }

    public static ToolResult of(String content) {
        return new ToolResult(content, null, false, false);
    }

    public static ToolResult failure(String content) {
        return new ToolResult(content, null, true, false);
    }
}
