package dev.gantry.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The tools of the conversation owner's MCP servers, as they were (re)listed: each function specification
 * the LLM is offered besides the built-in tools, with the server and tool it calls, and every server that
 * could not be reached, with why. The latest such event is the MCP tool list, so a worker taking the
 * conversation over offers the LLM exactly these tools.
 */
public record McpToolsEvent(List<McpToolSpec> tools, List<McpServerFailure> failures) implements EventPayload {

    /**
     * @param name          the function name the LLM sees, {@code <server>_<tool>} fitted to what LLM APIs accept
     * @param specification an OpenAI-style function tool specification; its parameters are the tool's input schema
     */
    public record McpToolSpec(String name, String server, String tool, JsonNode specification) {
    }

    /** A server whose tools are missing from the list, and why. */
    public record McpServerFailure(String server, String reason) {
    }

    public McpToolsEvent {
        tools = tools == null ? List.of() : List.copyOf(tools);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }
}
