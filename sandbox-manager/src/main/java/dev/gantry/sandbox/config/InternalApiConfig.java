package dev.gantry.sandbox.config;

import io.smallrye.config.ConfigMapping;

/** The shared secret of service-to-service calls ({@code gantry.internal.*}). */
@ConfigMapping(prefix = "gantry.internal")
public interface InternalApiConfig {

    /** Expected in {@code X-Gantry-Internal-Token}; a Kubernetes Secret in production (env {@code GANTRY_INTERNAL_TOKEN}). Never logged. */
    String token();
}
