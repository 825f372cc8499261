package dev.gantry.conversation.config;

import io.smallrye.config.ConfigMapping;

/**
 * Where the users' secrets are sealed ({@code gantry.secrets.*}). The master key has no default:
 * in production it comes from a Kubernetes Secret (env {@code GANTRY_SECRETS_MASTER_KEY}), so a
 * service without one does not start.
 */
@ConfigMapping(prefix = "gantry.secrets")
public interface SecretsConfig {

    /** The AES-256 key, base64 of exactly 32 bytes. Never logged. */
    String masterKey();
}
