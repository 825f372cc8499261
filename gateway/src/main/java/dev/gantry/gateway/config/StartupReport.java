package dev.gantry.gateway.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Says, once at start, how this gateway is set up. */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, GatewayConfig config) {
        Log.infof("gateway: rate limit %d requests/minute per user, bursts of %d",
                config.rateLimit().requestsPerMinute(), config.rateLimit().burst());
        Log.infof("gateway: accepting RS256 tokens of issuer %s for audience %s; data directory %s",
                config.auth().issuer(), config.auth().audience(), config.dataDir());
    }
}
