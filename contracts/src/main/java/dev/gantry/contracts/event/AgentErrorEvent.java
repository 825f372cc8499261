package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;

/**
 * An error the agent made or met: an unknown tool, arguments that are not valid JSON, an LLM
 * failure. When it answers a tool call it names the call, and goes back to the LLM as that call's result.
 */
public record AgentErrorEvent(String toolName, String toolCallId, String error) implements EventPayload {

    public AgentErrorEvent {
        require(error, "error");
    }

    public AgentErrorEvent(String error) {
        this(null, null, error);
    }
}
