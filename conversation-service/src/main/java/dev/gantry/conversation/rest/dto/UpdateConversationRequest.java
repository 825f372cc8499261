package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PATCH /conversations/{id}}. */
public record UpdateConversationRequest(@NotBlank @Size(max = FieldRules.TITLE_MAX) String title) {
}
