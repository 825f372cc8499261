package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A secret to store; its value is never answered back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretWrite(
        @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_PATTERN_MESSAGE) String name,
        @NotBlank @Size(max = Limits.SECRET_LENGTH) String value,
        @Size(max = Limits.TITLE_LENGTH) String description) {
}
