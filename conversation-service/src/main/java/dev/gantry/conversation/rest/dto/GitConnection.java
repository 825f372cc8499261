package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.git.GitProvider;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's connection to a git host, as stored: the integrations-service checked the token of the secret it names
 * with the provider and wrote the identity the provider answered.
 */
public record GitConnection(
        UUID id,
        GitProvider provider,
        String host,
        String apiUrl,
        String gitUrl,
        String tokenSecretName,
        String login,
        String name,
        String email,
        Instant createdAt,
        Instant updatedAt) {
}
