package dev.gantry.conversation.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /secrets/{name}}: creates or replaces the secret of that name.
 *
 * @param name optional; when given it must equal the name in the path
 */
public record SecretPutRequest(
        String name,
        @NotBlank @Size(max = FieldRules.SECRET_VALUE_MAX) String value,
        @Size(max = FieldRules.DESCRIPTION_MAX) String description) {

    @Override
    public String toString() {
        return "SecretPutRequest[name=" + name + ", value=<hidden>]";
    }
}
