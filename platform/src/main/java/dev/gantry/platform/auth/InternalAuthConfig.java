package dev.gantry.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The credentials of internal calls ({@code gantry.auth.*}); what each service needs is in docs/INTERNAL-API.md. */
@ConfigMapping(prefix = "gantry.auth")
public interface InternalAuthConfig {

    /**
     * Build-time: whether {@link InternalCallerFilter} verifies the callers of this service's routes. Only the
     * gateway, whose public routes authenticate users themselves, turns it off.
     */
    @WithDefault("true")
    boolean verifyCallers();

    /**
     * This service's own credential, sent as {@value InternalHeaders#SERVICE_TOKEN} on its calls to other
     * services (env {@code GANTRY_AUTH_SERVICE_TOKEN}); a Kubernetes Secret. Never logged.
     */
    Optional<String> serviceToken();

    /**
     * The services that may call this one, as {@code <service>:<hex SHA-256 of its token>} entries (env
     * {@code GANTRY_AUTH_ACCEPTED_SERVICE_TOKENS}, comma-separated). A service may have several while its
     * token is rotated. Digests are not secret: a ConfigMap holds them.
     */
    Optional<List<String>> acceptedServiceTokens();

    UserToken userToken();

    /** The token the gateway signs for each call it makes for a user. */
    interface UserToken {

        /**
         * The gateway's internal RSA public key (PEM, or the base64 of its X.509 encoding) that verifies
         * user tokens; without it every user call is refused.
         */
        Optional<String> publicKey();

        /** The gateway only: the private half (PEM or base64 PKCS#8); a Kubernetes Secret. Never logged. */
        Optional<String> privateKey();

        /** How long a token the gateway signs is valid: a stolen one is useless after this. */
        @WithDefault("60s")
        Duration lifetime();
    }
}
