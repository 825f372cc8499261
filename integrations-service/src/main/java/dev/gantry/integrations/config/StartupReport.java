package dev.gantry.integrations.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this integrations-service is set up. */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, IntegrationsConfig config) {
        Log.infof("integrations-service: event callbacks time out after %s, tried up to %d times",
                config.callbacks().timeout(), config.callbacks().maxAttempts());
    }
}
