package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool the agent can call. Its name and JSON schema follow OpenHands' tool of the same name. */
public sealed interface Tool permits TerminalTool, FileEditorTool, ThinkTool, FinishTool, TaskTrackerTool,
        CreatePullRequestTool, McpTool {

    /** The name in the tool specification; see {@code tools/<name>.json}. */
    String name();

    /** Whether the sandbox's risk matters: only these tools take {@code security_risk} and wait for confirmation. */
    boolean actsOnSandbox();

    /**
     * Runs the call.
     *
     * @throws ToolArgumentException when the arguments do not fit the schema; the LLM is told why
     */
    ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException;
}
