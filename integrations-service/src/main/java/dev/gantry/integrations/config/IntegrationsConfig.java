package dev.gantry.integrations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The integrations-service's own settings ({@code gantry.integrations.*}). */
@ConfigMapping(prefix = "gantry.integrations")
public interface IntegrationsConfig {

    Callbacks callbacks();

    /** Outbound event callbacks: where events may be posted, how long one delivery may take and how often it is tried. */
    interface Callbacks {

        /** How long one POST may take before it counts as failed. */
        @WithDefault("5s")
        Duration timeout();

        /** Tries of one delivery, the first included; a 2xx ends them, a 4xx other than 408 and 429 too. */
        @WithDefault("4")
        int maxAttempts();

        /** The wait before the second try; it doubles before each next one. */
        @WithDefault("500ms")
        Duration backoff();

        /**
         * After a delivery failed every try, how long its URL gets no more deliveries (they are dropped and
         * logged), so that one dead receiver does not hold up the events of every other.
         */
        @WithDefault("60s")
        Duration suspension();

        /** How long a conversation's list of callbacks is used before it is read again: a new callback waits at most this. */
        @WithDefault("30s")
        Duration refresh();
    }
}
