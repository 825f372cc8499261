package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call the agent decided on.
 *
 * @param arguments     the call's arguments, a JSON object as the LLM gave it
 * @param thought       the text the LLM wrote beside the call, empty if none
 * @param llmResponseId the LLM response this call came in; calls made in one response share it
 */
public record ActionEvent(
        String toolName,
        String toolCallId,
        JsonNode arguments,
        String thought,
        SecurityRisk securityRisk,
        String llmResponseId) implements EventPayload {

    public ActionEvent {
        requireText(toolName, "toolName");
        requireText(toolCallId, "toolCallId");
        require(arguments, "arguments");
        if (!arguments.isObject()) {
            throw new IllegalArgumentException("field 'arguments' must be a JSON object");
        }
        thought = thought == null ? "" : thought;
        securityRisk = securityRisk == null ? SecurityRisk.UNKNOWN : securityRisk;
    }
}
