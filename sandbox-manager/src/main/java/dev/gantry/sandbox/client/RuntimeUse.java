package dev.gantry.sandbox.client;

import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * When a sandbox was last used, as its runtime counts it. The worker calls the runtime directly (the
 * process launcher's local port, the Kubernetes launcher's Service), so the manager's own count sees
 * only the lookups of the connection; the reaper asks here before it pauses anything.
 */
@Singleton
public class RuntimeUse {

    private final RuntimeClient client;

    RuntimeUse(RuntimeClient client) {
        this.client = client;
    }

    /**
     * @return {@code now} while a command runs, else the runtime's last use; empty when the runtime does
     *         not tell (it does not answer, or refuses): then only the manager's count is left
     */
    public Optional<Instant> lastUse(RuntimeEndpoint endpoint, Instant now) {
        try {
            return client.activity(endpoint)
                    .map(activity -> activity.busy() ? now : now.minusMillis(activity.idleMillis()));
        } catch (RuntimeUnreachableException e) {
            Log.infof("the runtime at %s did not say when it was last used: %s", endpoint.baseUrl(), e.getMessage());
            return Optional.empty();
        }
    }
}
