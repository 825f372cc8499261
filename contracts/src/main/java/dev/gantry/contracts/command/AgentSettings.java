package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * How the agent of one conversation runs. The LLM's API key is not here: only the name of the
 * user's secret that holds it, which the worker resolves through conversation-service.
 *
 * @param baseUrl          an OpenAI-compatible endpoint, or null for the platform's default
 * @param apiKeySecretName the name of the user's secret holding the API key, or null for none
 * @param maxBudget        the most the conversation may spend, in US dollars, written as a decimal string so no precision is lost, or null for no limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentSettings(
        String model,
        String baseUrl,
        String apiKeySecretName,
        int maxIterations,
        ConfirmationPolicy confirmationPolicy,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxBudget) {

    public AgentSettings {
        requireText(model, "model");
        if (maxIterations < 1) {
            throw new IllegalArgumentException("field 'maxIterations' must be at least 1, was " + maxIterations);
        }
        require(confirmationPolicy, "confirmationPolicy");
    }
}
