package dev.gantry.gateway.auth;

import dev.gantry.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Creates the embedded signing key pair on first start, before the first token has to be verified. */
@Singleton
class LocalKeysBootstrap {

    void onStart(@Observes StartupEvent start, GatewayConfig config) {
        if (!config.auth().generateLocalKeys()) {
            return;
        }
        LocalSigningKeys keys = new LocalSigningKeys(config.dataDir());
        if (!keys.exist()) {
            keys.createIfMissing();
            Log.infof("gateway: created the local signing key pair in %s", keys.publicKeyFile().getParent());
        }
    }
}
