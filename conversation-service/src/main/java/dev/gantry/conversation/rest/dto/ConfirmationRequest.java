package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /conversations/{id}/confirmation}: run the waiting actions, or reject them with a reason. */
public record ConfirmationRequest(@NotNull Boolean accept, @Size(max = FieldRules.REASON_MAX) String reason) {
}
