package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /event-callbacks}: where to post which kinds of event.
 *
 * @param signingSecretName the user's secret the posts are signed with; null posts them unsigned
 */
public record EventCallbackRequest(
        @NotNull @Size(max = FieldRules.URL_MAX) @Pattern(regexp = FieldRules.HTTP_URL_PATTERN, message = "must be an http or https URL")
        String url,
        @NotEmpty @Size(max = FieldRules.EVENT_KINDS_MAX) List<@NotBlank String> eventKinds,
        @Pattern(regexp = FieldRules.NAME_PATTERN, message = FieldRules.NAME_REASON) String signingSecretName) {
}
