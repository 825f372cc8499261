package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.command.ConfirmationPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code POST /settings}: the fields given replace the user's; the others stay as they were.
 *
 * @param sandboxSecrets the user's secrets the sandbox's shell gets as variables of their names ([] for none)
 * @param maxTokens      the most tokens a conversation may use, prompt and completion summed: the budget that holds for a
 *                       model the platform has no price for
 * @param condenser      the user's condenser, replacing the one stored
 */
public record SettingsUpdate(
        @Size(max = FieldRules.MODEL_MAX) @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank")
        String model,
        @Size(max = FieldRules.URL_MAX) @Pattern(regexp = FieldRules.HTTP_URL_PATTERN, message = "must be an http or https URL")
        String baseUrl,
        @Pattern(regexp = FieldRules.NAME_PATTERN, message = FieldRules.NAME_REASON)
        String apiKeySecretName,
        @Min(1) @Max(FieldRules.MAX_ITERATIONS_MAX)
        Integer maxIterations,
        ConfirmationPolicy confirmationPolicy,
        @DecimalMin("0")
        BigDecimal maxBudget,
        @Size(max = FieldRules.SANDBOX_SECRETS_MAX)
        List<@NotNull @Pattern(regexp = FieldRules.VARIABLE_NAME_PATTERN, message = FieldRules.VARIABLE_NAME_REASON)
                String> sandboxSecrets,
        @Min(1)
        Long maxTokens,
        @Valid
        CondenserUpdate condenser) {
}
