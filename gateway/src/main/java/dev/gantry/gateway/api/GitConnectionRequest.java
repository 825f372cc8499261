package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A connection to a git host: the provider ({@code github}, {@code gitlab}, {@code bitbucket}), its host (the
 * provider's public one when left out), optional base URLs of its API and repositories, and the name of the
 * caller's secret holding an access token. The token is checked with the provider before the connection is kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GitConnectionRequest(
        @NotBlank @Pattern(regexp = "github|gitlab|bitbucket", message = "must be one of github, gitlab, bitbucket") String provider,
        @Size(max = 255) String host,
        @Size(max = Limits.URL_LENGTH) String apiUrl,
        @Size(max = Limits.URL_LENGTH) String gitUrl,
        @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_PATTERN_MESSAGE) String tokenSecretName) {
}
