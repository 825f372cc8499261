package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.Sandbox;
import dev.gantry.gateway.auth.Caller;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** sandbox-manager, called as the given {@link Caller}; it answers 404 for another user's sandbox. */
@ApplicationScoped
@Downstream("sandbox-manager")
@ApplyGuard(Guards.SANDBOX_MANAGER)
public class SandboxManager {

    private final SandboxManagerApi api;

    SandboxManager(@RestClient SandboxManagerApi api) {
        this.api = api;
    }

    @ApplyGuard(Guards.SANDBOX_MANAGER_IDEMPOTENT)
    public Uni<Page<Sandbox>> list(Caller caller) {
        return api.list(caller.user(), caller.userId());
    }

    public Uni<Sandbox> pause(Caller caller, String id) {
        return api.pause(caller.user(), id);
    }

    public Uni<Sandbox> resume(Caller caller, String id) {
        return api.resume(caller.user(), id);
    }

    public Uni<Void> delete(Caller caller, String id) {
        return api.delete(caller.user(), id);
    }

    @ApplyGuard(Guards.SANDBOX_MANAGER_IDEMPOTENT)
    public Uni<byte[]> readFile(Caller caller, String sandboxId, String path) {
        return api.readFile(caller.user(), sandboxId, path);
    }

    @ApplyGuard(Guards.SANDBOX_MANAGER_IDEMPOTENT)
    public Uni<JsonNode> listFiles(Caller caller, String sandboxId, String path) {
        return api.listFiles(caller.user(), sandboxId, path);
    }

    @ApplyGuard(Guards.SANDBOX_MANAGER_IDEMPOTENT)
    public Uni<Void> writeFile(Caller caller, String sandboxId, String path, byte[] content) {
        return api.writeFile(caller.user(), sandboxId, path, content);
    }
}
