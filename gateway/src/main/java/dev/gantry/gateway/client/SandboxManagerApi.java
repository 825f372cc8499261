package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.Sandbox;
import dev.gantry.platform.auth.Caller;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** sandbox-manager's user-scoped routes, as INTERNAL-API.md writes them; each call names its user. */
@RegisterRestClient(configKey = "sandbox-manager")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterProvider(UserCredentialFilter.class)
public interface SandboxManagerApi {

    @GET
    @Path("/sandboxes")
    Uni<Page<Sandbox>> list(@NotBody Caller.User user, @QueryParam("ownerId") String ownerId);

    @POST
    @Path("/sandboxes/{id}/pause")
    Uni<Sandbox> pause(@NotBody Caller.User user, @PathParam("id") String id);

    @POST
    @Path("/sandboxes/{id}/resume")
    Uni<Sandbox> resume(@NotBody Caller.User user, @PathParam("id") String id);

    @DELETE
    @Path("/sandboxes/{id}")
    Uni<Void> delete(@NotBody Caller.User user, @PathParam("id") String id);

    @GET
    @Path("/sandboxes/{id}/files")
    @Produces(MediaType.WILDCARD)
    Uni<byte[]> readFile(@NotBody Caller.User user, @PathParam("id") String id,
            @QueryParam("path") String path);

    @GET
    @Path("/sandboxes/{id}/files/list")
    Uni<JsonNode> listFiles(@NotBody Caller.User user, @PathParam("id") String id,
            @QueryParam("path") String path);

    @PUT
    @Path("/sandboxes/{id}/files")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.WILDCARD)
    Uni<Void> writeFile(@NotBody Caller.User user, @PathParam("id") String id,
            @QueryParam("path") String path, byte[] content);
}
