package dev.gantry.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryHeaders;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.Sandbox;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** sandbox-manager's user-scoped routes, as INTERNAL-API.md writes them. */
@RegisterRestClient(configKey = "sandbox-manager")
@RegisterProvider(DownstreamResponseMapper.class)
public interface SandboxManagerApi {

    @GET
    @Path("/sandboxes")
    Uni<Page<Sandbox>> list(@HeaderParam(GantryHeaders.USER) String user, @QueryParam("ownerId") String ownerId);

    @POST
    @Path("/sandboxes/{id}/pause")
    Uni<Sandbox> pause(@HeaderParam(GantryHeaders.USER) String user, @PathParam("id") String id);

    @POST
    @Path("/sandboxes/{id}/resume")
    Uni<Sandbox> resume(@HeaderParam(GantryHeaders.USER) String user, @PathParam("id") String id);

    @DELETE
    @Path("/sandboxes/{id}")
    Uni<Void> delete(@HeaderParam(GantryHeaders.USER) String user, @PathParam("id") String id);

    @GET
    @Path("/sandboxes/{id}/files")
    @Produces(MediaType.WILDCARD)
    Uni<byte[]> readFile(@HeaderParam(GantryHeaders.USER) String user, @PathParam("id") String id,
            @QueryParam("path") String path);

    @GET
    @Path("/sandboxes/{id}/files/list")
    Uni<JsonNode> listFiles(@HeaderParam(GantryHeaders.USER) String user, @PathParam("id") String id,
            @QueryParam("path") String path);

    @PUT
    @Path("/sandboxes/{id}/files")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.WILDCARD)
    Uni<Void> writeFile(@HeaderParam(GantryHeaders.USER) String user, @PathParam("id") String id,
            @QueryParam("path") String path, byte[] content);
}
