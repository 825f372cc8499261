package dev.gantry.integrations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The integrations-service's own settings ({@code gantry.integrations.*}). */
@ConfigMapping(prefix = "gantry.integrations")
public interface IntegrationsConfig {

    Callbacks callbacks();

    /** Outbound event callbacks: how long one delivery may take and how often it is tried. */
    interface Callbacks {

        @WithDefault("10s")
        Duration timeout();

        @WithDefault("5")
        int maxAttempts();
    }
}
