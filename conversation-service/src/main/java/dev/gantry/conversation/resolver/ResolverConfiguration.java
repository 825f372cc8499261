package dev.gantry.conversation.resolver;

import java.time.Instant;
import java.util.UUID;

/**
 * A repository whose webhooks start conversations as {@code userId} (with that user's git connection and settings),
 * checked with the user's secret {@code webhookSecretName}: an issue given {@code label}, or a comment that
 * mentions {@code mention}.
 */
public record ResolverConfiguration(UUID id, String userId, String provider, String host, String repository,
        String webhookSecretName, String label, String mention, String createdBy, Instant createdAt) {
}
