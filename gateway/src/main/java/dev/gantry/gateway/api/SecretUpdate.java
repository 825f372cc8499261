package dev.gantry.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A secret's new value; the name comes from the path. */
public record SecretUpdate(
        @NotBlank @Size(max = Limits.SECRET_LENGTH) String value,
        @Size(max = Limits.TITLE_LENGTH) String description) {

    public SecretWrite named(String name) {
        return new SecretWrite(name, value, description);
    }
}
