package dev.gantry.conversation.rest;

import dev.gantry.conversation.rest.dto.McpServer;
import dev.gantry.conversation.service.McpServerService;
import dev.gantry.conversation.service.Page;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** The MCP servers the caller's agents may use. */
@CompletesWithoutTheCaller
@Path("/mcp-servers")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class McpServerResource {

    private final McpServerService servers;
    private final CurrentCaller caller;

    McpServerResource(McpServerService servers, CurrentCaller caller) {
        this.servers = servers;
        this.caller = caller;
    }

    @GET
    public Uni<Page<McpServer>> list(@QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return servers.list(caller.userId(), pageId, QueryParams.pageLimit(limit));
    }

    /** Creates (201) or replaces (200) the server of that name. */
    @POST
    public Uni<RestResponse<McpServer>> upsert(@Valid @NotNull McpServer body) {
        return servers.upsert(caller.userId(), body).map(CreatedOrReplaced::answer);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("name") String name) {
        return servers.delete(caller.userId(), name);
    }
}
