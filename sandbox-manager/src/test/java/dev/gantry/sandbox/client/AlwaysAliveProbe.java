package dev.gantry.sandbox.client;

import dev.gantry.sandbox.config.SandboxConfig;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * For the Kubernetes tests: the mock API server runs no pods, so no runtime answers at the
 * cluster-internal URL; pod readiness (set by the test's kubelet) is what those tests check.
 */
@Alternative
@Singleton
public class AlwaysAliveProbe extends RuntimeProbe {

    public AlwaysAliveProbe(RuntimeClient client, SandboxConfig config) {
        super(client, config);
    }

    @Override
    public void awaitAlive(URI baseUrl, Instant deadline, Supplier<Optional<String>> deathReason) {
        // alive as soon as the pod is Ready
    }
}
