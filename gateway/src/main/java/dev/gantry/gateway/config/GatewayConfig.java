package dev.gantry.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings ({@code gantry.gateway.*}). */
@ConfigMapping(prefix = "gantry.gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    /** A token bucket per user: {@code burst} requests at once, refilled at {@code requestsPerMinute}. */
    interface RateLimit {

        @WithDefault("120")
        int requestsPerMinute();

        @WithDefault("40")
        int burst();
    }
}
