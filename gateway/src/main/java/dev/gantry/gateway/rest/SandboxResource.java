package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.Sandbox;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.SandboxManager;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The caller's sandboxes. */
@Path("/api/v1/sandboxes")
@Authenticated
@Tag(name = "sandboxes")
public class SandboxResource {

    private final SandboxManager sandboxes;
    private final CurrentCaller caller;

    SandboxResource(SandboxManager sandboxes, CurrentCaller caller) {
        this.sandboxes = sandboxes;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the caller's sandboxes")
    @APIResponse(responseCode = "200", description = "A page of sandboxes")
    public Uni<Page<Sandbox>> list() {
        return sandboxes.list(caller.get());
    }

    @POST
    @Path("/{id}/pause")
    @ResponseStatus(202)
    @Operation(summary = "Pause a sandbox (its workspace is kept)")
    @APIResponse(responseCode = "202", description = "Pausing")
    @APIResponse(responseCode = "404", description = "No such sandbox of the caller")
    public Uni<Sandbox> pause(@PathParam("id") String id) {
        return sandboxes.pause(caller.get(), id);
    }

    @POST
    @Path("/{id}/resume")
    @ResponseStatus(202)
    @Operation(summary = "Resume a paused sandbox")
    @APIResponse(responseCode = "202", description = "Resuming")
    @APIResponse(responseCode = "404", description = "No such sandbox of the caller")
    public Uni<Sandbox> resume(@PathParam("id") String id) {
        return sandboxes.resume(caller.get(), id);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a sandbox and its workspace")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such sandbox of the caller")
    public Uni<Void> delete(@PathParam("id") String id) {
        return sandboxes.delete(caller.get(), id);
    }
}
