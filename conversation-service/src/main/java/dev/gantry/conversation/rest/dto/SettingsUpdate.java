package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.command.ConfirmationPolicy;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** {@code POST /settings}: the fields given replace the user's; the others stay as they were. */
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
        BigDecimal maxBudget) {
}
