package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool of one of the user's MCP servers, named {@code <server>_<tool>}; it acts on the outside world, so it
 * takes {@code security_risk} and goes through confirmation like the sandbox tools.
 */
public record McpTool(String name, Call call) implements Tool {

    /** Calls the server's tool with the arguments the LLM gave, as the action {@code actionId}. */
    @FunctionalInterface
    public interface Call {
        ToolResult run(JsonNode arguments, String actionId) throws InterruptedException;
    }

    @Override
    public boolean actsOnSandbox() {
        return true;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        return call.run(arguments, context.actionId());
    }
}
