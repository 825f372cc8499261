package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.contracts.command.ConfirmationPolicy;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The settings fields to change; a field left out keeps its value (conversation-service merges). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettingsUpdate(
        @Size(min = 1, max = Limits.NAME_LENGTH) String model,
        @Size(max = Limits.URL_LENGTH) String baseUrl,
        @Size(min = 1, max = Limits.NAME_LENGTH) String apiKeySecretName,
        @Min(1) Integer maxIterations,
        ConfirmationPolicy confirmationPolicy,
        @DecimalMin("0") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxBudget) {
}
