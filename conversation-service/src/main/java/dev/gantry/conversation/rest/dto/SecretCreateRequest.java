package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /secrets}. The value is write-only: no answer ever carries it. */
public record SecretCreateRequest(
        @NotNull @Pattern(regexp = FieldRules.NAME_PATTERN, message = FieldRules.NAME_REASON) String name,
        @NotBlank @Size(max = FieldRules.SECRET_VALUE_MAX) String value,
        @Size(max = FieldRules.DESCRIPTION_MAX) String description) {

    @Override
    public String toString() {
        return "SecretCreateRequest[name=" + name + ", value=<hidden>]";
    }
}
