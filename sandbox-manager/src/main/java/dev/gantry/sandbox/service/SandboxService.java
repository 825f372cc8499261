package dev.gantry.sandbox.service;

import static dev.gantry.contracts.sandbox.SandboxStatus.DELETED;
import static dev.gantry.contracts.sandbox.SandboxStatus.ERROR;
import static dev.gantry.contracts.sandbox.SandboxStatus.PAUSED;
import static dev.gantry.contracts.sandbox.SandboxStatus.RUNNING;
import static dev.gantry.contracts.sandbox.SandboxStatus.STARTING;

import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.contracts.sandbox.DeleteSandbox;
import dev.gantry.contracts.sandbox.PauseSandbox;
import dev.gantry.contracts.sandbox.ResumeSandbox;
import dev.gantry.contracts.sandbox.SandboxCommand;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.sandbox.client.RuntimeUse;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.InstanceFailed;
import dev.gantry.sandbox.launcher.InstanceSpec;
import dev.gantry.sandbox.launcher.KnownInstance;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import dev.gantry.sandbox.launcher.SandboxClaim;
import dev.gantry.sandbox.launcher.SandboxLauncher;
import dev.gantry.sandbox.messaging.StatusPublisher;
import dev.gantry.sandbox.metrics.SandboxStartMetrics;
import dev.gantry.sandbox.pool.WarmPool;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The lifecycle of sandboxes, whoever asks (Kafka command, REST call, reaper, a launcher reporting a
 * death). Each sandbox's changes run one at a time, in order; every change of status is published.
 * Commands are idempotent: a command already applied, or one that asks for the state the sandbox
 * is in, changes nothing.
 */
@Singleton
public class SandboxService {

    private final SandboxLauncher launcher;
    private final TemplateCatalog templates;
    private final WarmPool pool;
    private final StatusPublisher publisher;
    private final Clock clock;
    private final SandboxConfig config;
    private final RuntimeUse runtimeUse;
    private final SandboxStartMetrics startMetrics;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final KeyedSerialExecutor serial = new KeyedSerialExecutor(executor);
    private final ConcurrentMap<UUID, Sandbox> sandboxes = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, RuntimeEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, Sandbox> deleted = new ConcurrentHashMap<>();
    private final Set<UUID> appliedCommands;

    SandboxService(SandboxLauncher launcher, TemplateCatalog templates, WarmPool pool, StatusPublisher publisher,
            Clock clock, SandboxConfig config, RuntimeUse runtimeUse, SandboxStartMetrics startMetrics) {
        this.launcher = launcher;
        this.startMetrics = startMetrics;
        this.runtimeUse = runtimeUse;
        this.templates = templates;
        this.pool = pool;
        this.publisher = publisher;
        this.clock = clock;
        this.config = config;
        int remembered = config.rememberedCommands();
        this.appliedCommands = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > remembered;
            }
        }));
    }

    void onStart(@Observes StartupEvent start) {
        recover();
    }

    /** No runtime outlives the manager; a restarted manager starts again those that were running. */
    void onStop(@Observes ShutdownEvent stop) {
        launcher.shutdown();
    }

    @PreDestroy
    void stopExecutor() {
        executor.shutdownNow();
    }

    /**
     * Creates a sandbox, from the warm pool when one of its template is ready, else by a launch that
     * continues after this returns (status STARTING). A sandbox id that exists, or was deleted a
     * short while ago, is answered with that sandbox and nothing changes.
     */
    public Created create(CreateSandboxRequest request) {
        return await(serial.submit(request.sandboxId(), () -> doCreate(request)));
    }

    public Sandbox pause(UUID id) {
        return await(serial.submit(id, () -> doPause(require(id))));
    }

    /** Starts a paused (or failed) sandbox again on its workspace; the launch continues after this returns. */
    public Sandbox resume(UUID id) {
        return await(serial.submit(id, () -> doResume(require(id))));
    }

    /** Deletes the sandbox; a sandbox deleted a short while ago is deleted already, and nothing happens. */
    public void delete(UUID id) {
        await(serial.submit(id, () -> known(id).map(this::doDelete).or(() -> Optional.ofNullable(deleted.get(id)))
                .orElseThrow(() -> new SandboxNotFoundException(id.toString()))));
    }

    /** Applies a command from Kafka; the stage completes once the command has taken effect. */
    public CompletableFuture<Void> apply(SandboxCommand command) {
        if (appliedCommands.contains(command.commandId())) {
            Log.debugf("command %s for sandbox %s was applied already", command.commandId(), command.sandboxId());
            return CompletableFuture.completedFuture(null);
        }
        UUID id = command.sandboxId();
        CompletableFuture<?> applied = serial.submit(id, () -> switch (command) {
            case CreateSandbox create -> applyCreate(create);
            case PauseSandbox ignored -> known(id).map(this::doPause);
            case ResumeSandbox ignored -> known(id).map(this::doResume);
            case DeleteSandbox ignored -> known(id).map(this::doDelete);
        });
        return applied.thenRun(() -> appliedCommands.add(command.commandId()));
    }

    public Optional<Sandbox> find(UUID id) {
        return Optional.ofNullable(sandboxes.get(id));
    }

    /** A sandbox deleted a short while ago (within the tombstone retention). */
    public Optional<Sandbox> findDeleted(UUID id) {
        return Optional.ofNullable(deleted.get(id));
    }

    /** The sandboxes that match, oldest first. */
    public List<Sandbox> list(Predicate<Sandbox> filter) {
        return sandboxes.values().stream().filter(filter)
                .sorted(Comparator.comparing(Sandbox::createdAt).thenComparing(Sandbox::id)).toList();
    }

    /**
     * The URL and session key of a running sandbox's runtime; asking counts as using the sandbox.
     *
     * @throws SandboxStateException when it is not running
     */
    public RuntimeEndpoint connection(UUID id) {
        Sandbox sandbox = require(id);
        RuntimeEndpoint endpoint = endpoints.get(id);
        if (sandbox.status() != RUNNING || endpoint == null) {
            throw new SandboxStateException("sandbox " + id + " is " + sandbox.status() + ", not RUNNING",
                    sandbox.status());
        }
        touch(id);
        return endpoint;
    }

    /** Marks the sandbox as used now, which resets its idle time. */
    public void touch(UUID id) {
        Instant now = clock.instant();
        sandboxes.computeIfPresent(id, (key, sandbox) -> sandbox.activeAt(now));
    }

    /**
     * Pauses running sandboxes idle for longer than the idle timeout, by the manager's count and then by
     * their runtime's own (a sandbox busy with a command is never idle), and deletes those older than
     * their maximum lifetime; forgets deleted ids past their retention.
     *
     * @return the changes it asked for, once they are done
     */
    public CompletableFuture<Void> reap(Instant now) {
        deleted.values().removeIf(gone -> gone.updatedAt().plus(config.tombstoneRetention()).isBefore(now));
        List<CompletableFuture<?>> changes = sandboxes.values().stream().<CompletableFuture<?>>mapMulti((s, out) -> {
            if (s.createdAt().plus(config.maxLifetime()).isBefore(now)) {
                Log.infof("sandbox %s reached its maximum lifetime of %s: deleting it", s.id(), config.maxLifetime());
                out.accept(serial.submit(s.id(), () -> known(s.id()).map(this::doDelete)));
            } else if (idleAt(s, now)) {
                out.accept(serial.submit(s.id(), () -> known(s.id()).filter(current -> stillIdle(current, now))
                        .map(idle -> {
                            Log.infof("sandbox %s idle since %s: pausing it", idle.id(), idle.lastActiveAt());
                            return doPause(idle);
                        })));
            }
        }).toList();
        return CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new));
    }

    private boolean idleAt(Sandbox sandbox, Instant now) {
        return sandbox.status() == RUNNING && sandbox.lastActiveAt().plus(config.idleTimeout()).isBefore(now);
    }

    /** Idle by the manager's count and by the runtime's, whose use it takes as the sandbox's. */
    private boolean stillIdle(Sandbox sandbox, Instant now) {
        RuntimeEndpoint endpoint = endpoints.get(sandbox.id());
        if (!idleAt(sandbox, now) || endpoint == null) {
            return idleAt(sandbox, now);
        }
        Optional<Instant> used = runtimeUse.lastUse(endpoint, now).filter(at -> at.isAfter(sandbox.lastActiveAt()));
        used.ifPresent(at -> sandboxes.computeIfPresent(sandbox.id(), (key, current) -> current.activeAt(at)));
        return used.map(at -> at.plus(config.idleTimeout()).isBefore(now)).orElse(true);
    }

    /** Takes back the sandboxes the launcher still has from before a restart of the manager. */
    void recover() {
        for (KnownInstance known : launcher.discover()) {
            if (known.claim().isEmpty()) {
                Log.infof("removing warm-pool instance %s left from before the restart", known.instanceId());
                executor.execute(() -> launcher.remove(known.instanceId()));
                continue;
            }
            SandboxClaim claim = known.claim().get();
            Instant now = clock.instant();
            SandboxStatus status = known.running().isPresent() ? RUNNING : known.wantsRunning() ? STARTING : PAUSED;
            Sandbox sandbox = new Sandbox(claim.sandboxId(), claim.ownerId(), claim.conversationId(), known.template(),
                    status, null, claim.createdAt(), now, known.instanceId(), now, 0);
            sandboxes.put(sandbox.id(), sandbox);
            known.running().ifPresent(endpoint -> endpoints.put(sandbox.id(), endpoint));
            publisher.publish(sandbox);
            Log.infof("recovered sandbox %s (%s)", sandbox.id(), status);
            if (status == STARTING) {
                serial.submit(sandbox.id(), () -> launch(sandbox.id()));
            }
        }
    }

    void onInstanceFailed(@Observes InstanceFailed failure) {
        Optional<Sandbox> serving = sandboxes.values().stream()
                .filter(s -> s.instanceId().equals(failure.instanceId())).findFirst();
        if (serving.isEmpty()) {
            pool.instanceFailed(failure.instanceId(), failure.reason());
            return;
        }
        UUID id = serving.get().id();
        serial.submit(id, () -> known(id).filter(s -> s.status() == RUNNING
                && s.instanceId().equals(failure.instanceId())).map(s -> {
                    Log.warnf("sandbox %s failed: %s", id, failure.reason());
                    endpoints.remove(id);
                    return transition(s, ERROR, failure.reason());
                }));
    }

    private Created doCreate(CreateSandboxRequest request) {
        UUID id = request.sandboxId();
        Sandbox existing = Optional.ofNullable(sandboxes.get(id)).orElse(deleted.get(id));
        if (existing != null) {
            return new Created(existing, false);
        }
        SandboxTemplate template = templates.resolve(request.template());
        Instant now = clock.instant();
        SandboxClaim claim = new SandboxClaim(id, request.ownerId(), request.conversationId(), now);
        Optional<WarmPool.Claimed> warm = pool.claim(template, claim);
        if (warm.isPresent()) {
            Sandbox sandbox = new Sandbox(id, request.ownerId(), request.conversationId(), template.name(), RUNNING,
                    null, now, now, warm.get().instanceId(), now, 0);
            endpoints.put(id, warm.get().endpoint());
            sandboxes.put(id, sandbox);
            publisher.publish(sandbox);
            return new Created(sandbox, true);
        }
        Sandbox sandbox = new Sandbox(id, request.ownerId(), request.conversationId(), template.name(), STARTING,
                null, now, now, id.toString(), now, 0);
        sandboxes.put(id, sandbox);
        publisher.publish(sandbox);
        serial.submit(id, () -> launch(id));
        return new Created(sandbox, true);
    }

    private Optional<Sandbox> applyCreate(CreateSandbox create) {
        try {
            return Optional.of(doCreate(new CreateSandboxRequest(create.sandboxId(), create.ownerId(),
                    create.conversationId(), create.template())).sandbox());
        } catch (InvalidRequestException refused) {
            String detail = refused.getMessage() + ": " + refused.errors().stream()
                    .map(error -> error.field() + " " + error.reason()).collect(Collectors.joining("; "));
            Log.warnf("refused to create sandbox %s: %s", create.sandboxId(), detail);
            Instant now = clock.instant();
            publisher.publish(new Sandbox(create.sandboxId(), create.ownerId(), create.conversationId(),
                    create.template(), ERROR, detail, now, now, create.sandboxId().toString(), now, 0));
            return Optional.empty();
        }
    }

    private Sandbox doPause(Sandbox sandbox) {
        if (sandbox.status() == PAUSED) {
            return sandbox;
        }
        launcher.stop(sandbox.instanceId());
        endpoints.remove(sandbox.id());
        return transition(sandbox, PAUSED, null);
    }

    private Sandbox doResume(Sandbox sandbox) {
        if (sandbox.status() == RUNNING || sandbox.status() == STARTING) {
            return sandbox;
        }
        Sandbox starting = transition(sandbox.withLaunchAttempt(0), STARTING, null);
        serial.submit(sandbox.id(), () -> launch(sandbox.id()));
        return starting;
    }

    private Sandbox doDelete(Sandbox sandbox) {
        launcher.remove(sandbox.instanceId());
        endpoints.remove(sandbox.id());
        sandboxes.remove(sandbox.id());
        Sandbox gone = sandbox.withStatus(DELETED, null, clock.instant());
        deleted.put(gone.id(), gone);
        publisher.publish(gone);
        return gone;
    }

    /** Starts a STARTING sandbox; a failure is reported as ERROR and retried after a growing delay. */
    private Optional<Sandbox> launch(UUID id) {
        return known(id).filter(s -> s.status() == STARTING).map(sandbox -> {
            int attempt = sandbox.launchAttempt() + 1;
            long began = System.nanoTime();
            try {
                RuntimeEndpoint endpoint = launcher.start(new InstanceSpec(sandbox.instanceId(),
                        templates.resolve(sandbox.template()), Optional.of(claimOf(sandbox))));
                startMetrics.started(sandbox.template(), Duration.ofNanos(System.nanoTime() - began));
                endpoints.put(id, endpoint);
                return transition(sandbox.withLaunchAttempt(0).activeAt(clock.instant()), RUNNING, null);
            } catch (RuntimeException failure) {
                startMetrics.failed(sandbox.template(), Duration.ofNanos(System.nanoTime() - began));
                String detail = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                Sandbox failed = transition(sandbox.withLaunchAttempt(attempt), ERROR, detail);
                if (attempt < config.retry().maxAttempts()) {
                    Duration delay = backoff(attempt);
                    Log.warnf("sandbox %s did not start (attempt %d of %d), retrying in %s: %s", id, attempt,
                            config.retry().maxAttempts(), delay, detail);
                    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor)
                            .execute(() -> serial.submit(id, () -> retry(failed)));
                } else {
                    Log.errorf("sandbox %s did not start after %d attempts: %s", id, attempt, detail);
                }
                return failed;
            }
        });
    }

    /** Launches again, unless something else changed the failed sandbox meanwhile (a pause, a delete). */
    private Optional<Sandbox> retry(Sandbox failed) {
        return known(failed.id()).filter(failed::equals).flatMap(current -> {
            transition(current, STARTING, null);
            return launch(current.id());
        });
    }

    private Duration backoff(int attempt) {
        Duration delay = config.retry().initialDelay().multipliedBy(1L << Math.min(attempt - 1, Integer.SIZE - 2));
        return delay.compareTo(config.retry().maxDelay()) > 0 ? config.retry().maxDelay() : delay;
    }

    private Sandbox transition(Sandbox sandbox, SandboxStatus status, String detail) {
        Sandbox changed = sandbox.withStatus(status, detail, clock.instant());
        sandboxes.put(changed.id(), changed);
        publisher.publish(changed);
        return changed;
    }

    private static SandboxClaim claimOf(Sandbox sandbox) {
        return new SandboxClaim(sandbox.id(), sandbox.ownerId(), sandbox.conversationId(), sandbox.createdAt());
    }

    private Optional<Sandbox> known(UUID id) {
        return Optional.ofNullable(sandboxes.get(id));
    }

    private Sandbox require(UUID id) {
        return known(id).orElseThrow(() -> new SandboxNotFoundException(id.toString()));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The answer to a create.
     *
     * @param created false when the sandbox existed already
     */
    public record Created(Sandbox sandbox, boolean created) {
    }
}
