package dev.gantry.sandbox.pool;

import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.launcher.SandboxLauncher;
import dev.gantry.sandbox.service.SandboxTemplate;
import dev.gantry.sandbox.service.TemplateCatalog;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ready, unclaimed sandboxes per template, so a create does not wait for a runtime to start. A claim
 * takes an instance off a lock-free queue (one taker per instance) and then records the claim with
 * the launcher, which on Kubernetes is a write guarded by the resourceVersion, so two managers never
 * hand out the same pod either. Every claim starts a refill in the background.
 */
@Singleton
public class WarmPool {

    private final SandboxLauncher launcher;
    private final TemplateCatalog templates;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Queue<Ready>> ready = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> launching = new ConcurrentHashMap<>();

    WarmPool(SandboxLauncher launcher, TemplateCatalog templates) {
        this.launcher = launcher;
        this.templates = templates;
    }

    void onStart(@Observes StartupEvent start) {
        refillAll();
    }

    @PreDestroy
    void stopLaunching() {
        executor.shutdownNow();
    }

    /** Takes a ready instance of the template for the sandbox, if there is one. */
    public Optional<Claimed> claim(SandboxTemplate template, SandboxClaim claim) {
        Queue<Ready> queue = queue(template.name());
        try {
            for (Ready candidate = queue.poll(); candidate != null; candidate = queue.poll()) {
                if (launcher.claim(candidate.instanceId(), claim)) {
                    Log.debugf("sandbox %s claimed warm instance %s", claim.sandboxId(), candidate.instanceId());
                    return Optional.of(new Claimed(candidate.instanceId(), candidate.endpoint()));
                }
                Log.debugf("warm instance %s was gone or taken", candidate.instanceId());
            }
            return Optional.empty();
        } finally {
            refill(template);
        }
    }

    /** How many instances of the template are ready to be claimed. */
    public int readyCount(String template) {
        return queue(template).size();
    }

    @Scheduled(every = "${gantry.sandbox.pool.refill-interval}", delayed = "${gantry.sandbox.pool.refill-interval}")
    void refillAll() {
        templates.all().forEach(this::refill);
    }

    /** A pooled instance died: it leaves the pool, and a fresh one replaces it. */
    public void instanceFailed(String instanceId, String reason) {
        ready.values().forEach(queue -> queue.removeIf(r -> r.instanceId().equals(instanceId)));
        Log.warnf("warm instance %s failed (%s): replacing it", instanceId, reason);
        executor.execute(() -> launcher.remove(instanceId));
        refillAll();
    }

    /** Starts as many instances as the template's pool lacks, counting those already starting. */
    synchronized void refill(SandboxTemplate template) {
        AtomicInteger starting = launching.computeIfAbsent(template.name(), name -> new AtomicInteger());
        int missing = template.warmPoolSize() - queue(template.name()).size() - starting.get();
        for (int i = 0; i < missing; i++) {
            starting.incrementAndGet();
            executor.execute(() -> launchOne(template, starting));
        }
    }

    private void launchOne(SandboxTemplate template, AtomicInteger starting) {
        String instanceId = UUID.randomUUID().toString();
        try {
            RuntimeEndpoint endpoint = launcher.start(new InstanceSpec(instanceId, template, Optional.empty()));
            queue(template.name()).add(new Ready(instanceId, endpoint));
        } catch (RuntimeException failure) {
            Log.warnf("a warm instance of template '%s' did not start: %s", template.name(), failure.getMessage());
            launcher.remove(instanceId);
        } finally {
            starting.decrementAndGet();
        }
    }

    private Queue<Ready> queue(String template) {
        return ready.computeIfAbsent(template, name -> new ConcurrentLinkedQueue<>());
    }

    private record Ready(String instanceId, RuntimeEndpoint endpoint) {
    }

    /** A warm instance now serving a sandbox. */
    public record Claimed(String instanceId, RuntimeEndpoint endpoint) {
    }
}
