package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /conversations/{id}/messages}.
 *
 * @param run whether the agent works on the message; absent means it does
 */
public record SendMessageRequest(@NotBlank @Size(max = FieldRules.MESSAGE_MAX) String content, Boolean run) {

    public boolean runOrDefault() {
        return run == null || run;
    }
}
