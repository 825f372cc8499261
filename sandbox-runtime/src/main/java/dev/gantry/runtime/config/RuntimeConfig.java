package dev.gantry.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * How the sandbox started this runtime: {@code GANTRY_SESSION_API_KEY} and {@code GANTRY_WORKSPACE}.
 * There is no default key, so the runtime does not start without one.
 */
@ConfigMapping(prefix = "gantry")
public interface RuntimeConfig {

    /** The key every caller but {@code /alive} must present in {@code X-Session-API-Key}. */
    String sessionApiKey();

    /** The working root of the agent's tools. */
    @WithDefault("/workspace")
    Path workspace();
}
