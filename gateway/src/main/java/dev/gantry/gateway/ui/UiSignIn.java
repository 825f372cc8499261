package dev.gantry.gateway.ui;

import dev.gantry.gateway.config.GatewayConfig;
import java.net.URI;
import java.util.Optional;

/**
 * How the web UI signs users in, as the browser is told at {@code /ui/config.json}: with a pasted token only, or
 * also through an OpenID Connect provider (authorization code with PKCE, run by the browser, whose access token the
 * API then verifies like any other JWT).
 */
public record UiSignIn(Oidc oidc) {

    /** The provider the browser signs in with; absent when OIDC is off. */
    public record Oidc(String issuer, String clientId, String scopes) {
    }

    static UiSignIn of(GatewayConfig.Ui.Oidc config) {
        if (!config.enabled()) {
            return new UiSignIn(null);
        }
        String issuer = config.issuer().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "gantry.gateway.ui.oidc.issuer is required when gantry.gateway.ui.oidc.enabled is true"));
        String clientId = config.clientId().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "gantry.gateway.ui.oidc.client-id is required when gantry.gateway.ui.oidc.enabled is true"));
        URI uri = URI.create(issuer);
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalStateException("gantry.gateway.ui.oidc.issuer must be an http(s) URL, was " + issuer);
        }
        return new UiSignIn(new Oidc(issuer.replaceAll("/+$", ""), clientId, config.scopes()));
    }

    /** The origin the browser fetches the provider's discovery document and tokens from (for the CSP). */
    Optional<String> providerOrigin() {
        if (oidc == null) {
            return Optional.empty();
        }
        URI uri = URI.create(oidc.issuer());
        return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
    }
}
