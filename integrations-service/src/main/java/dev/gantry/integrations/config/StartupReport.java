package dev.gantry.integrations.config;

import dev.gantry.platform.net.OutboundConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this integrations-service is set up. */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, IntegrationsConfig config, OutboundConfig outbound) {
        IntegrationsConfig.Callbacks callbacks = config.callbacks();
        Log.infof("integrations-service: event callbacks time out after %s, tried up to %d times, their URLs suspended"
                + " for %s after that; private addresses %s", callbacks.timeout(), callbacks.maxAttempts(),
                callbacks.suspension(), outbound.allowPrivateAddresses() ? "allowed" : "refused");
    }
}
