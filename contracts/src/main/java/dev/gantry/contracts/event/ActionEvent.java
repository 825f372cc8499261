package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call the agent decided on.
 *
 * @param arguments     the call's arguments, a JSON object as the LLM gave it
 * @param thought       the text the LLM wrote beside the call, empty if none
 * @param securityRisk  the action's risk: the higher of the LLM's rating and the worker's own analysis, UNKNOWN only
 *                      when neither could rate it; confirmation mode asks by this one
 * @param llmResponseId the LLM response this call came in; calls made in one response share it
 * @param llmRisk       what the LLM claimed ({@code security_risk} in its arguments), UNKNOWN when it gave none; null in
 *                      events written before the worker analyzed actions
 * @param analyzerRisk  what the worker's rule-based analyzer rated, whatever the LLM claimed; null as above
 * @param riskReason    why the analyzer rated it so (the rule that matched), null when no rule matched
 */
public record ActionEvent(
        String toolName,
        String toolCallId,
        JsonNode arguments,
        String thought,
        SecurityRisk securityRisk,
        String llmResponseId,
        @JsonInclude(JsonInclude.Include.NON_NULL) SecurityRisk llmRisk,
        @JsonInclude(JsonInclude.Include.NON_NULL) SecurityRisk analyzerRisk,
        @JsonInclude(JsonInclude.Include.NON_NULL) String riskReason) implements EventPayload {

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

    /** An action whose risk is only the one given, with no separate ratings. */
    public ActionEvent(String toolName, String toolCallId, JsonNode arguments, String thought, SecurityRisk securityRisk,
            String llmResponseId) {
        this(toolName, toolCallId, arguments, thought, securityRisk, llmResponseId, null, null, null);
    }
}
