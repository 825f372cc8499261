package dev.gantry.gateway.config;

import dev.gantry.platform.auth.InternalAuthConfig;
import dev.gantry.platform.auth.InternalKeys;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Says, once at start, how this gateway is set up, and refuses to start without the key it signs users'
 * internal tokens with: without it every call to a platform service would fail.
 */
@Singleton
class StartupReport {

    void onStart(@Observes StartupEvent start, GatewayConfig config, InternalAuthConfig internal) {
        String privateKey = internal.userToken().privateKey().filter(key -> !key.isBlank()).orElseThrow(() ->
                new IllegalStateException("gantry.auth.user-token.private-key (env GANTRY_AUTH_USER_TOKEN_PRIVATE_KEY) "
                        + "is not set: the gateway signs with it the token that vouches for the user on every call "
                        + "to a platform service (an RSA private key, PEM or base64 PKCS#8, whose public half the "
                        + "services have as gantry.auth.user-token.public-key)"));
        InternalKeys.privateKey(privateKey);
        if (internal.serviceToken().isEmpty()) {
            Log.warn("gateway: gantry.auth.service-token (env GANTRY_AUTH_SERVICE_TOKEN) is not set: git provider "
                    + "webhooks cannot be passed on to integrations-service");
        }
        Log.infof("gateway: rate limit %d requests/minute per user, bursts of %d",
                config.rateLimit().requestsPerMinute(), config.rateLimit().burst());
        Log.infof("gateway: accepting RS256 tokens of issuer %s for audience %s; data directory %s",
                config.auth().issuer(), config.auth().audience(), config.dataDir());
        Log.infof("gateway: calls the platform services with user tokens valid for %s",
                internal.userToken().lifetime());
    }
}
