package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.McpServer;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.ConversationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The MCP servers whose tools the caller's agents may use. */
@Path("/api/v1/mcp-servers")
@Authenticated
@Tag(name = "mcp-servers")
public class McpServerResource {

    private final ConversationService conversations;
    private final CurrentCaller caller;

    McpServerResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the caller's MCP servers")
    @APIResponse(responseCode = "200", description = "A page of MCP servers")
    public Uni<Page<McpServer>> list(@QueryParam("pageId") String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return conversations.mcpServers(caller.get(), pageId, limit);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Add an MCP server")
    @APIResponse(responseCode = "201", description = "Added")
    public Uni<McpServer> create(@Valid @NotNull McpServer server) {
        return conversations.createMcpServer(caller.get(), server);
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    @Operation(summary = "Remove the named MCP server")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such MCP server of the caller")
    public Uni<Void> delete(@PathParam("name") String name) {
        return conversations.deleteMcpServer(caller.get(), name);
    }
}
