package dev.gantry.conversation.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.conversation.rest.dto.McpServer;
import dev.gantry.conversation.service.McpServerService;
import dev.gantry.conversation.service.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The MCP servers the caller's agents may use. */
@Path("/mcp-servers")
@UserScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class McpServerResource {

    private final McpServerService servers;

    McpServerResource(McpServerService servers) {
        this.servers = servers;
    }

    @GET
    public Uni<Page<McpServer>> list(@HeaderParam(GantryHeaders.USER) String userId,
            @QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return servers.list(userId, pageId, QueryParams.pageLimit(limit));
    }

    /** Creates (201) or replaces (200) the server of that name. */
    @POST
    public Uni<RestResponse<McpServer>> upsert(@HeaderParam(GantryHeaders.USER) String userId,
            @Valid @NotNull McpServer body) {
        return servers.upsert(userId, body).map(CreatedOrReplaced::answer);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@HeaderParam(GantryHeaders.USER) String userId, @PathParam("name") String name) {
        return servers.delete(userId, name);
    }
}
