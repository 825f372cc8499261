package dev.gantry.worker.config;

import io.smallrye.config.ConfigMapping;

/** The token of the service-to-service routes ({@code gantry.internal.*}), a Kubernetes Secret in production. */
@ConfigMapping(prefix = "gantry.internal")
public interface InternalApiConfig {

    /** Sent as {@code X-Gantry-Internal-Token} to conversation-service and sandbox-manager. */
    String token();
}
