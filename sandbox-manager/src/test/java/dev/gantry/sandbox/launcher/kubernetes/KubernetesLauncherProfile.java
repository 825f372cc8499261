package dev.gantry.sandbox.launcher.kubernetes;

import dev.gantry.sandbox.client.AlwaysAliveProbe;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The Kubernetes launcher against the fabric8 mock API server: one profile for all its tests. */
public class KubernetesLauncherProfile implements QuarkusTestProfile {

    public static final String NAMESPACE = "sandboxes";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("gantry.sandbox.launcher", "kubernetes"),
                Map.entry("gantry.sandbox.kubernetes.namespace", NAMESPACE),
                // the mock server in CRUD mode answers server-side apply of a new object with 404
                Map.entry("gantry.sandbox.kubernetes.server-side-apply", "false"),
                // fabric8 would retry the injected API errors itself: these tests check the manager's retry
                Map.entry("quarkus.kubernetes-client.request-retry-backoff-limit", "0"),
                Map.entry("gantry.sandbox.start-timeout", "30s"),
                Map.entry("gantry.sandbox.idle-timeout", "10m"),
                Map.entry("gantry.sandbox.max-lifetime", "2h"),
                Map.entry("gantry.sandbox.templates.hardened.image", "registry.example/sandbox-runtime:1"),
                Map.entry("gantry.sandbox.templates.hardened.runtime-class-name", "gvisor"),
                Map.entry("gantry.sandbox.templates.hardened.node-selector.\"gantry.dev/pool\"", "sandboxes"),
                Map.entry("gantry.sandbox.templates.hardened.tolerations[0].key", "sandbox"),
                Map.entry("gantry.sandbox.templates.hardened.tolerations[0].value", "true"),
                Map.entry("gantry.sandbox.templates.hardened.tolerations[0].effect", "NoSchedule"),
                Map.entry("gantry.sandbox.templates.hardened.image-pull-secrets", "registry-credentials"),
                Map.entry("gantry.sandbox.templates.hardened.resources.cpu-limit", "1500m"),
                Map.entry("gantry.sandbox.templates.hardened.resources.memory-limit", "3Gi"),
                Map.entry("gantry.sandbox.templates.pooled.warm-pool-size", "3"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(AlwaysAliveProbe.class);
    }
}
