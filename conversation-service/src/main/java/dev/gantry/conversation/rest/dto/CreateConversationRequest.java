package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /conversations}: every field may be left out; without a message the conversation waits idle. */
public record CreateConversationRequest(
        @Size(max = FieldRules.MESSAGE_MAX) @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank")
        String initialMessage,
        @Size(max = FieldRules.REPOSITORY_MAX) @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank")
        String repository,
        @Size(max = FieldRules.BRANCH_MAX) @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank")
        String branch,
        @Size(max = FieldRules.TITLE_MAX) @Pattern(regexp = FieldRules.NOT_BLANK_PATTERN, message = "must not be blank")
        String title) {
}
