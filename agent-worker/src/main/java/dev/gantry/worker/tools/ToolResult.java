package dev.gantry.worker.tools;

/**
 * What a tool call gave, as the LLM will read it.
 *
 * @param exitCode the command's exit code for the terminal, else null
 * @param error    the tool ran but reports a failure
 * @param finishes the agent is done with the task
 */
public record ToolResult(String content, Integer exitCode, boolean error, boolean finishes) {

    public static ToolResult of(String content) {
        return new ToolResult(content, null, false, false);
    }

    public static ToolResult failure(String content) {
        return new ToolResult(content, null, true, false);
    }
}
