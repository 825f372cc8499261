package dev.gantry.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new title. */
public record UpdateConversationRequest(@NotBlank @Size(max = Limits.TITLE_LENGTH) String title) {
}
