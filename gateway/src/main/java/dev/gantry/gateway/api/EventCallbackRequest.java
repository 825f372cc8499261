package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new event callback. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventCallbackRequest(
        @NotBlank @Size(max = Limits.URL_LENGTH) @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String url,
        @NotEmpty List<@NotBlank String> eventKinds,
        @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_PATTERN_MESSAGE) String signingSecretName) {
}
