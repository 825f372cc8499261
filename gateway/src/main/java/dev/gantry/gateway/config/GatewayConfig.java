package dev.gantry.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The gateway's own settings ({@code gantry.gateway.*}). */
@ConfigMapping(prefix = "gantry.gateway")
public interface GatewayConfig {

    /** The local data directory: {@code GANTRY_HOME}, else {@code ~/.gantry}. Holds the embedded signing keys. */
    Path dataDir();

    RateLimit rateLimit();

    Auth auth();

    Stream stream();

    Ui ui();

    /** The largest request body accepted; a larger one is answered 413. */
    @WithDefault("5M")
    MemorySize maxBodySize();

    /** A token bucket per user: {@code burst} requests at once, refilled at {@code requestsPerMinute}. */
    interface RateLimit {

        @WithDefault("120")
        int requestsPerMinute();

        @WithDefault("40")
        int burst();

        /**
         * A rate-limit check Redis has not answered by then is made against a bucket in the replica's memory
         * instead, with the same burst and rate.
         */
        @WithDefault("500ms")
        Duration redisTimeout();
    }

    /** Who may call: tokens are verified by SmallRye JWT ({@code mp.jwt.verify.*} derive from these). */
    interface Auth {

        /** The {@code iss} every accepted token carries. */
        @WithDefault("https://gantry.local")
        String issuer();

        /** The {@code aud} every accepted token carries. */
        @WithDefault("gantry")
        String audience();

        /**
         * Whether to create the embedded signing key pair in the data directory when it is missing.
         * Off when tokens come from an external identity provider (a JWKS URL).
         */
        @WithDefault("true")
        boolean generateLocalKeys();

        /** The user id ({@code sub}) of tokens printed for the local user. */
        @WithDefault("local")
        String localUser();

        /** How long a token printed for the local user stays valid. */
        @WithDefault("P30D")
        Duration localTokenLifetime();
    }

    /** Live event streams to clients. */
    interface Stream {

        /** How often a comment (SSE) or ping (WebSocket) is sent so proxies keep an idle stream open. */
        @WithDefault("15s")
        Duration heartbeatInterval();

        /**
         * How many event streams (SSE and WebSocket together) one user may hold open on one gateway replica; the
         * next is refused (429, or WebSocket close 1008) until one ends.
         */
        @WithDefault("20")
        int maxPerUser();

        /**
         * How many event streams one gateway replica holds open in all; the next is refused (503 with Retry-After, or
         * WebSocket close 1013) until one ends. Each holds a connection to the event-store for as long as it is open:
         * this is the size of the connection pool streams have to it, apart from the pool of the other calls.
         */
        @WithDefault("1000")
        int maxOpen();
    }

    /** The web UI served at {@code /}. */
    interface Ui {

        Oidc oidc();

        /**
         * Sign-in through an identity provider (OpenID Connect authorization code with PKCE, done by the browser):
         * off by default, when users paste a token or follow the login link {@code ./gantry up} prints.
         */
        interface Oidc {

            @WithDefault("false")
            boolean enabled();

            /** The provider's issuer URL; its {@code /.well-known/openid-configuration} names its endpoints. */
            Optional<String> issuer();

            /** The UI's client id at the provider: a public client allowed to redirect to the gateway's {@code /}. */
            Optional<String> clientId();

            @WithDefault("openid profile email")
            String scopes();
        }
    }
}
