package dev.gantry.worker.sandbox;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The latest status of every sandbox, as the sandbox-manager reported it on {@code gantry.sandbox-status}. */
@ApplicationScoped
public class SandboxStatusRegistry {

    private final Map<UUID, SandboxStatusChanged> latest = new HashMap<>();

    synchronized void update(SandboxStatusChanged change) {
        SandboxStatusChanged known = latest.get(change.sandboxId());
        if (known == null || !change.timestamp().isBefore(known.timestamp())) {
            latest.put(change.sandboxId(), change);
            notifyAll();
        }
    }

    /**
     * Waits until the sandbox is RUNNING or fails (ERROR, DELETED), at most {@code timeout}.
     *
     * @return the last status seen, empty if none came in time
     */
    public synchronized Optional<SandboxStatusChanged> awaitSettled(UUID sandboxId, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            SandboxStatusChanged status = latest.get(sandboxId);
            if (status != null && (status.status() == SandboxStatus.RUNNING || status.status() == SandboxStatus.ERROR
                    || status.status() == SandboxStatus.DELETED)) {
                return Optional.of(status);
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return Optional.ofNullable(status);
            }
            wait(left);
        }
    }
}
