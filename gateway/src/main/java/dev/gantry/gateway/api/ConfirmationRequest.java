package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The user's answer to an action waiting for confirmation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfirmationRequest(@NotNull Boolean accept, @Size(max = Limits.MESSAGE_LENGTH) String reason) {
}
