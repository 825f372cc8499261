package dev.gantry.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A repository whose provider webhooks start conversations (README, "The resolver"): the provider, its host (the
 * provider's public one when left out), the repository ({@code owner/name}), the user the conversations run as (the
 * caller when left out; another user only for an admin), that user's secret the webhooks are signed with, the label
 * that puts an issue to work ({@code gantry} when left out) and the mention that makes a comment an instruction
 * ({@code @gantry}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolverConfigurationRequest(
        @NotBlank @Pattern(regexp = "github|gitlab|bitbucket", message = "must be one of github, gitlab, bitbucket") String provider,
        @Size(max = 255) String host,
        @NotBlank @Size(max = 500) String repository,
        @Size(max = 255) String userId,
        @NotBlank @Pattern(regexp = Limits.NAME_PATTERN, message = Limits.NAME_PATTERN_MESSAGE) String webhookSecretName,
        @Size(min = 1, max = 100) String label,
        @Size(min = 2, max = 100) String mention) {
}
