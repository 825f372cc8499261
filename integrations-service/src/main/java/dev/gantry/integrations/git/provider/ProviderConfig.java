package dev.gantry.integrations.git.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the integrations-service talks to git providers ({@code gantry.integrations.git.*}). */
@ConfigMapping(prefix = "gantry.integrations.git")
public interface ProviderConfig {

    /** How long one request to a provider may take. */
    @WithDefault("10s")
    Duration timeout();

    /** Tries of one request, the first included, when the provider answers 429 or 5xx or cannot be reached. */
    @WithDefault("4")
    int maxAttempts();

    /** The wait before the second try, doubled before each next one, unless the provider says how long (Retry-After). */
    @WithDefault("500ms")
    Duration backoff();

    /** The longest wait between two tries, whatever Retry-After asks. */
    @WithDefault("10s")
    Duration maxBackoff();
}
