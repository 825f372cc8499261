package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.command.CondenserSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The user's condenser, given whole ({@code {}} for the installation's): {@code mode} llm, recent-events-only or off;
 * past {@code maxSize} events the history is condensed, its first {@code keepFirst} events kept. A field left out
 * takes the installation's value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CondenserUpdate(
        CondenserMode mode,
        @Min(CondenserSettings.MIN_MAX_SIZE) @Max(MAX_SIZE) Integer maxSize,
        @Min(0) @Max(MAX_SIZE) Integer keepFirst) {

    static final int MAX_SIZE = 100_000;
}
