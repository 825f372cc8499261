package dev.gantry.conversation.crypto;

import dev.gantry.conversation.config.SecretsConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the one cipher of the service, at start, so a missing or bad master key stops the start. */
class SecretCipherProducer {

    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(SecretsConfig config) {
        return SecretCipher.fromBase64Key(config.masterKey());
    }
}
