package dev.gantry.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the event projection rides out a database hiccup ({@code gantry.projection.*}). */
@ConfigMapping(prefix = "gantry.projection")
public interface ProjectionConfig {

    /**
     * How often one batch's updates are retried before the projection gives up, which stops its
     * channel and fails the health check, so the pod restarts from the last committed offset.
     */
    @WithDefault("5")
    int retries();

    /** The first pause between retries; it doubles each time. */
    @WithDefault("0.2s")
    Duration retryBackoff();
}
