package dev.gantry.worker.sandbox;

import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.contracts.sandbox.PauseSandbox;
import dev.gantry.contracts.sandbox.ResumeSandbox;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.platform.tracing.Tracing;
import dev.gantry.worker.client.SandboxManagerApi;
import dev.gantry.worker.client.SandboxManagerClient;
import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Gets a conversation a running sandbox: connects at once to one the status topic reports running, else
 * asks the sandbox-manager for it (CreateSandbox, idempotent),
 * resumes it when it was paused (by the idle reaper or a user), waits for RUNNING on the status topic,
 * then fetches how to reach its runtime.
 */
@ApplicationScoped
public class SandboxProvisioner {

    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final SandboxCommandPublisher commands;
    private final SandboxStatusRegistry statuses;
    private final SandboxManagerClient manager;
    private final WorkerConfig config;
    /** Shared by every sandbox: it keeps a connection open to each runtime in use. */
    private final HttpClient http;
    private final Tracing tracing;

    SandboxProvisioner(SandboxCommandPublisher commands, SandboxStatusRegistry statuses, SandboxManagerClient manager,
            WorkerConfig config, Tracing tracing) {
        this.commands = commands;
        this.tracing = tracing;
        this.statuses = statuses;
        this.manager = manager;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.runtime().connectTimeout())
                .build();
    }

    /**
     * Blocks until the sandbox runs; call it on a virtual thread.
     *
     * @param resuming told when the sandbox is found paused, before it is asked to resume
     * @throws SandboxUnavailableException when it failed, was deleted or did not run in time
     */
    public SandboxSession acquire(UUID sandboxId, String ownerId, UUID conversationId,
            Consumer<SandboxStatusChanged> resuming) throws InterruptedException {
        // asked for already (conversation-service does as the conversation starts) and running: no command needed
        if (statuses.current(sandboxId).filter(s -> s.status() == SandboxStatus.RUNNING).isPresent()) {
            Optional<SandboxSession> running = connect(sandboxId, conversationId);
            if (running.isPresent()) {
                return running.get();
            }
        }
        commands.send(new CreateSandbox(UUID.randomUUID(), sandboxId, Instant.now(), ownerId, conversationId, null));
        Instant deadline = Instant.now().plus(config.sandboxStartTimeout());
        SandboxStatusChanged seen = null;
        while (true) {
            Optional<SandboxStatusChanged> next = statuses.awaitAtRest(sandboxId, seen, deadline);
            if (next.isEmpty() || next.get().equals(seen) || Instant.now().isAfter(deadline)) {
                throw new SandboxUnavailableException("sandbox " + sandboxId + " did not start within "
                        + config.sandboxStartTimeout());
            }
            SandboxStatusChanged status = next.get();
            seen = status;
            switch (status.status()) {
                case PAUSED -> {
                    resuming.accept(status);
                    commands.send(new ResumeSandbox(UUID.randomUUID(), sandboxId, Instant.now()));
                }
                case RUNNING -> {
                    Optional<SandboxSession> session = connect(sandboxId, conversationId);
                    if (session.isPresent()) {
                        return session.get();
                    }
                    // the manager no longer runs it: the status that says so is on its way
                }
                default -> throw new SandboxUnavailableException("sandbox " + sandboxId + " is " + status.status()
                        + (status.detail() == null ? "" : ": " + status.detail()));
            }
        }
    }

    /** Asks the sandbox-manager to pause the sandbox (its runtime stops, its workspace stays), without waiting. */
    public void pause(UUID sandboxId) {
        commands.send(new PauseSandbox(UUID.randomUUID(), sandboxId, Instant.now()));
    }

    /** Asks the sandbox-manager to start a paused sandbox, without waiting; true when it was paused. */
    public boolean resumeIfPaused(UUID sandboxId) {
        boolean paused = statuses.current(sandboxId).filter(s -> s.status() == SandboxStatus.PAUSED).isPresent();
        if (paused) {
            commands.send(new ResumeSandbox(UUID.randomUUID(), sandboxId, Instant.now()));
        }
        return paused;
    }

    private Optional<SandboxSession> connect(UUID sandboxId, UUID conversationId) {
        SandboxManagerApi.Connection connection;
        try {
            connection = manager.connection(sandboxId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == CONFLICT || e.getResponse().getStatus() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        URI runtimeUrl = URI.create(connection.runtimeUrl());
        RuntimeClient runtime = new RuntimeClient(http, tracing, runtimeUrl, connection.sessionApiKey(),
                config.runtime().readTimeout());
        Log.infof("conversation %s uses sandbox %s at %s", conversationId, sandboxId, runtimeUrl);
        return Optional.of(new SandboxSession(runtimeUrl, runtime));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
