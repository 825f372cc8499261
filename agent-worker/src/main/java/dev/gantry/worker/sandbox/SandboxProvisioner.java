package dev.gantry.worker.sandbox;

import dev.gantry.contracts.sandbox.CreateSandbox;
import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.contracts.sandbox.SandboxStatusChanged;
import dev.gantry.worker.client.SandboxManagerApi;
import dev.gantry.worker.client.SandboxManagerClient;
import dev.gantry.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Gets a conversation a running sandbox: asks the sandbox-manager for it (CreateSandbox, idempotent),
 * waits for RUNNING on the status topic, then fetches how to reach its runtime.
 */
@ApplicationScoped
public class SandboxProvisioner {

    private final SandboxCommandPublisher commands;
    private final SandboxStatusRegistry statuses;
    private final SandboxManagerClient manager;
    private final WorkerConfig config;
    /** Shared by every sandbox: it keeps a connection open to each runtime in use. */
    private final HttpClient http;

    SandboxProvisioner(SandboxCommandPublisher commands, SandboxStatusRegistry statuses, SandboxManagerClient manager,
            WorkerConfig config) {
        this.commands = commands;
        this.statuses = statuses;
        this.manager = manager;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.runtime().connectTimeout())
                .build();
    }

    /** Blocks until the sandbox runs; call it on a virtual thread. */
    public SandboxSession acquire(UUID sandboxId, String ownerId, UUID conversationId) throws InterruptedException {
        commands.send(new CreateSandbox(UUID.randomUUID(), sandboxId, Instant.now(), ownerId, conversationId, null));
        Optional<SandboxStatusChanged> status = statuses.awaitSettled(sandboxId, config.sandboxStartTimeout());
        if (status.isEmpty() || status.get().status() != SandboxStatus.RUNNING) {
            throw new SandboxUnavailableException(status
                    .map(s -> "sandbox " + sandboxId + " is " + s.status() + (s.detail() == null ? "" : ": " + s.detail()))
                    .orElse("sandbox " + sandboxId + " did not start within " + config.sandboxStartTimeout()));
        }
        SandboxManagerApi.Connection connection = manager.connection(sandboxId);
        URI runtimeUrl = URI.create(connection.runtimeUrl());
        RuntimeClient runtime = new RuntimeClient(http, runtimeUrl, connection.sessionApiKey(),
                config.runtime().readTimeout());
        Log.infof("conversation %s uses sandbox %s at %s", conversationId, sandboxId, runtimeUrl);
        return new SandboxSession(runtimeUrl, runtime);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
