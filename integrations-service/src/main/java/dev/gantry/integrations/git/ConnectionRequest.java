package dev.gantry.integrations.git;

/**
 * {@code POST /git/connections}: the provider, its host (the provider's public one when left out), optional base
 * URLs of its API and of its repositories (derived from the host when left out), and the name of the user's secret
 * holding the access token.
 */
public record ConnectionRequest(String provider, String host, String apiUrl, String gitUrl, String tokenSecretName) {
}
