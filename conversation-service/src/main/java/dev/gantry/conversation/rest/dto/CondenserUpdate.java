package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The user's condenser, given whole: a field left out takes the agent-worker's installation value ({@code {}} takes
 * them all). {@code keepFirst} must leave room for a condensation: less than {@code maxSize / 2 - 1}.
 */
public record CondenserUpdate(
        CondenserMode mode,
        @Min(CondenserSettings.MIN_MAX_SIZE) @Max(FieldRules.CONDENSER_MAX_SIZE_MAX)
        Integer maxSize,
        @Min(0) @Max(FieldRules.CONDENSER_MAX_SIZE_MAX)
        Integer keepFirst) {
}
