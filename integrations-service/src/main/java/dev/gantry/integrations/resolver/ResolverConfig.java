package dev.gantry.integrations.resolver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The resolver's settings ({@code gantry.integrations.resolver.*}): webhooks that start conversations. */
@ConfigMapping(prefix = "gantry.integrations.resolver")
public interface ResolverConfig {

    /** The label that puts an issue to work, where a configuration names none. */
    @WithDefault("gantry")
    String label();

    /** The mention that makes a comment an instruction, where a configuration names none. */
    @WithDefault("@gantry")
    String mention();

    /** The conversation's address in the comment posted when work starts; {@code {conversationId}} is replaced. */
    @WithDefault("http://127.0.0.1:8080/api/v1/conversations/{conversationId}")
    String conversationUrl();

    /** How long the intake reuses a repository's configuration and webhook secret before it reads them again. */
    @WithDefault("10s")
    Duration cacheTtl();

    /** Tries of one delivery's processing when a service or the provider fails, the first included. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait before the second try, doubled before each next one. */
    @WithDefault("1s")
    Duration backoff();
}
