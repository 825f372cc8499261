package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.contracts.command.ConfirmationPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * The settings fields to change; a field left out keeps its value (conversation-service merges).
 * {@code sandboxSecrets} names the user's secrets the sandbox's shell gets as variables of those names
 * (opt-in; {@code []} for none); their values are shown as {@code <secret:NAME>} in every event. {@code maxTokens} is
 * the most tokens a conversation may use, the budget that holds for a model the platform has no price for.
 * {@code condenser} replaces the user's condenser as a whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettingsUpdate(
        @Size(min = 1, max = Limits.NAME_LENGTH) String model,
        @Size(max = Limits.URL_LENGTH) String baseUrl,
        @Size(min = 1, max = Limits.NAME_LENGTH) String apiKeySecretName,
        @Min(1) Integer maxIterations,
        ConfirmationPolicy confirmationPolicy,
        @DecimalMin("0") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxBudget,
        @Size(max = SANDBOX_SECRETS) List<@NotNull @Size(min = 1, max = Limits.NAME_LENGTH) String> sandboxSecrets,
        @Min(1) Long maxTokens,
        @Valid CondenserUpdate condenser) {

    /** The most secrets one sandbox is given. */
    static final int SANDBOX_SECRETS = 50;
}
