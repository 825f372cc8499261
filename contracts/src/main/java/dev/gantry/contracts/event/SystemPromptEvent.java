package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The system prompt and the tool specifications the agent started with, so that a worker taking
 * over the conversation talks to the LLM exactly as before.
 *
 * @param tools each an OpenAI-style function tool specification
 */
public record SystemPromptEvent(String systemPrompt, List<JsonNode> tools) implements EventPayload {

    public SystemPromptEvent {
        require(systemPrompt, "systemPrompt");
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
