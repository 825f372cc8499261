package dev.gantry.worker.sandbox;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The latest status of every sandbox, as the sandbox-manager reported it on {@code gantry.sandbox-status}. */
@ApplicationScoped
public class SandboxStatusRegistry {

    private static final Set<SandboxStatus> AT_REST =
            EnumSet.of(SandboxStatus.RUNNING, SandboxStatus.PAUSED, SandboxStatus.ERROR, SandboxStatus.DELETED);

    private final Map<UUID, SandboxStatusChanged> latest = new HashMap<>();

    synchronized void update(SandboxStatusChanged change) {
        SandboxStatusChanged known = latest.get(change.sandboxId());
        if (known == null || !change.timestamp().isBefore(known.timestamp())) {
            latest.put(change.sandboxId(), change);
            notifyAll();
        }
    }

    /**
     * Waits for a status of the sandbox other than {@code seen} (null: any) that is RUNNING, PAUSED, ERROR or
     * DELETED: where a sandbox stays until someone acts.
     *
     * @return that status, or the last status seen (empty if none) when the deadline passed
     */
    public synchronized Optional<SandboxStatusChanged> awaitAtRest(UUID sandboxId, SandboxStatusChanged seen,
            Instant deadline) throws InterruptedException {
        return awaitNext(sandboxId, seen, deadline);
    }

    /** The latest status reported, if any. */
    public synchronized Optional<SandboxStatusChanged> current(UUID sandboxId) {
        return Optional.ofNullable(latest.get(sandboxId));
    }

    private Optional<SandboxStatusChanged> awaitNext(UUID sandboxId, SandboxStatusChanged seen, Instant deadline)
            throws InterruptedException {
        while (true) {
            SandboxStatusChanged status = latest.get(sandboxId);
            if (status != null && !status.equals(seen) && AT_REST.contains(status.status())) {
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
