package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * How the agent of one conversation runs. The LLM's API key is not here: only the name of the
 * user's secret that holds it, which the worker resolves through conversation-service.
 *
 * @param baseUrl          an OpenAI-compatible endpoint, or null for the platform's default
 * @param apiKeySecretName the name of the user's secret holding the API key, or null for none
 * @param maxBudget        the most the conversation may spend, in US dollars, written as a decimal string so no precision is lost, or null for no limit
 * @param sandboxSecrets   the names of the user's secrets the sandbox's shell gets as environment variables of the
 *                         same names (opt-in: none unless listed); their values are masked as {@code <secret:NAME>}
 *                         in every event
 * @param maxTokens        the most tokens (prompt and completion, summed over the LLM calls) the conversation may use,
 *                         or null for no limit; the budget that holds for a model the platform has no price for
 * @param condenser        the user's choice of condenser, or null for the installation's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentSettings(
        String model,
        String baseUrl,
        String apiKeySecretName,
        int maxIterations,
        ConfirmationPolicy confirmationPolicy,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxBudget,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> sandboxSecrets,
        Long maxTokens,
        CondenserSettings condenser) {

    public AgentSettings {
        sandboxSecrets = sandboxSecrets == null ? List.of() : List.copyOf(sandboxSecrets);
        requireText(model, "model");
        if (maxIterations < 1) {
            throw new IllegalArgumentException("field 'maxIterations' must be at least 1, was " + maxIterations);
        }
        require(confirmationPolicy, "confirmationPolicy");
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("field 'maxTokens' must be at least 1, was " + maxTokens);
        }
    }

    /** Settings without a token budget and with the installation's condenser. */
    public AgentSettings(String model, String baseUrl, String apiKeySecretName, int maxIterations,
            ConfirmationPolicy confirmationPolicy, BigDecimal maxBudget, List<String> sandboxSecrets) {
        this(model, baseUrl, apiKeySecretName, maxIterations, confirmationPolicy, maxBudget, sandboxSecrets, null, null);
    }

    /** Settings with a token budget and the installation's condenser. */
    public AgentSettings(String model, String baseUrl, String apiKeySecretName, int maxIterations,
            ConfirmationPolicy confirmationPolicy, BigDecimal maxBudget, List<String> sandboxSecrets, Long maxTokens) {
        this(model, baseUrl, apiKeySecretName, maxIterations, confirmationPolicy, maxBudget, sandboxSecrets, maxTokens,
                null);
    }

    /** Settings without a token budget, with the user's condenser. */
    public AgentSettings(String model, String baseUrl, String apiKeySecretName, int maxIterations,
            ConfirmationPolicy confirmationPolicy, BigDecimal maxBudget, List<String> sandboxSecrets,
            CondenserSettings condenser) {
        this(model, baseUrl, apiKeySecretName, maxIterations, confirmationPolicy, maxBudget, sandboxSecrets, null,
                condenser);
    }

    /** Settings that give the sandbox no secret. */
    public AgentSettings(String model, String baseUrl, String apiKeySecretName, int maxIterations,
            ConfirmationPolicy confirmationPolicy, BigDecimal maxBudget) {
        this(model, baseUrl, apiKeySecretName, maxIterations, confirmationPolicy, maxBudget, List.of(), null, null);
    }
}
