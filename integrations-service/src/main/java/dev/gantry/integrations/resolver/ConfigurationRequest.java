package dev.gantry.integrations.resolver;

/**
 * {@code POST /resolver/configurations}: the repository ({@code owner/name}; GitLab {@code group/sub/name}) on
 * {@code host} (the provider's public one when left out) whose webhooks start conversations as {@code userId} (the
 * caller when left out; another user's only for an admin), checked with that user's secret {@code webhookSecretName}.
 */
public record ConfigurationRequest(String provider, String host, String repository, String userId,
        String webhookSecretName, String label, String mention) {
}
