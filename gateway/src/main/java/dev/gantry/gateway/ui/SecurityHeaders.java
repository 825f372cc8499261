package dev.gantry.gateway.ui;

import dev.gantry.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The headers every answer carries so the web UI served at {@code /} runs only its own code: a Content Security
 * Policy with no inline script or style and nothing loaded from elsewhere (the identity provider excepted, for
 * its discovery document and tokens, when OIDC sign-in is on), no framing, no MIME sniffing, no referrer. What
 * the web UI serves is revalidated on each use unless it says otherwise ({@link AppFiles}: its versioned files).
 */
@ApplicationScoped
class SecurityHeaders {

    /** Ahead of everything, so answers refused early (413, 401) carry them too. */
    private static final int PRIORITY = 2_000;

    private final String policy;

    SecurityHeaders(GatewayConfig config) {
        this.policy = policy(UiSignIn.of(config.ui().oidc()));
    }

    static String policy(UiSignIn signIn) {
        String connect = "'self'" + signIn.providerOrigin().map(origin -> " " + origin).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "connect-src " + connect + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    void addHeaders(RoutingContext context) {
        String path = context.request().path();
        boolean app = path != null && !path.startsWith("/api/") && !path.startsWith("/q/");
        // the versioned files say themselves how long they keep (AppFiles); the static files' own day is too long
        boolean revalidated = app && !path.startsWith("/app/v-");
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", policy);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (revalidated) {
                headers.set("Cache-Control", "no-cache");
            }
        });
        context.next();
    }
}
