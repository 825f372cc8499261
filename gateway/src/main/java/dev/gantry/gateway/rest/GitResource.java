package dev.gantry.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.Integrations;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import dev.gantry.gateway.api.GitConnectionRequest;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's git connections, and the repositories and branches they give access to, from integrations-service. */
@Path("/api/v1/git")
@Authenticated
@Tag(name = "git")
public class GitResource {

    static final String INTEGRATIONS_UNAVAILABLE = "integrations service not available (type .../integrations-unavailable):"
            + " the integrations service is not deployed or does not answer";

    static final String TOKEN_REJECTED = "the provider refused the connection's token (type .../git-token-rejected)";

    static final String PROVIDER_UNAVAILABLE = "the git provider failed or rate-limited every try (type .../git-provider-unavailable)";

    private final Integrations integrations;
    private final CurrentCaller caller;

    GitResource(Integrations integrations, CurrentCaller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @GET
    @Path("/connections")
    @Operation(summary = "List the caller's git connections")
    @APIResponse(responseCode = "200", description = "The connections, by host")
    @APIResponse(responseCode = "503", description = INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> connections() {
        return integrations.connections(caller.get());
    }

    @POST
    @Path("/connections")
    @Operation(summary = "Connect a git host: the token of the named secret is checked with the provider first")
    @APIResponse(responseCode = "201", description = "Connected")
    @APIResponse(responseCode = "200", description = "The connection to that host was replaced")
    @APIResponse(responseCode = "400", description = "A field is wrong, or " + TOKEN_REJECTED)
    @APIResponse(responseCode = "502", description = PROVIDER_UNAVAILABLE)
    @APIResponse(responseCode = "503", description = INTEGRATIONS_UNAVAILABLE)
    public Uni<RestResponse<JsonNode>> connect(@Valid @NotNull GitConnectionRequest request) {
        return integrations.connect(caller.get(), request);
    }

    @DELETE
    @Path("/connections/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a git connection (the secret holding its token stays)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such connection of the caller")
    public Uni<Void> disconnect(@PathParam("id") UUID id) {
        return integrations.disconnect(caller.get(), id);
    }

    @GET
    @Path("/user")
    @Operation(summary = "The account a connection's token belongs to, as its provider answers")
    @APIResponse(responseCode = "200", description = "{login, name, email}")
    @APIResponse(responseCode = "400", description = TOKEN_REJECTED)
    @APIResponse(responseCode = "502", description = PROVIDER_UNAVAILABLE)
    public Uni<JsonNode> user(@QueryParam("host") @Size(max = 255) String host) {
        return integrations.user(caller.get(), host);
    }

    @GET
    @Path("/repositories")
    @Operation(summary = "List the repositories a connection gives access to, most recently updated first")
    @APIResponse(responseCode = "200", description = "A page of repositories: {items: [{fullName, defaultBranch, isPrivate, webUrl}], nextPageId}")
    @APIResponse(responseCode = "400", description = "No connection to that host, a bad page id, or " + TOKEN_REJECTED)
    @APIResponse(responseCode = "502", description = PROVIDER_UNAVAILABLE)
    @APIResponse(responseCode = "503", description = INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> repositories(@QueryParam("host") @Size(max = 255) String host,
            @QueryParam("query") @Size(max = 200) String query, @QueryParam("pageId") @Size(max = 4000) String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return integrations.repositories(caller.get(), host, query, pageId, limit);
    }

    @GET
    @Path("/branches")
    @Operation(summary = "List the branches of a repository")
    @APIResponse(responseCode = "200", description = "A page of branches: {items: [{name, commit, isProtected}], nextPageId}")
    @APIResponse(responseCode = "404", description = "No such repository, or the token may not see it")
    @APIResponse(responseCode = "502", description = PROVIDER_UNAVAILABLE)
    @APIResponse(responseCode = "503", description = INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> branches(@QueryParam("repository") @NotBlank @Size(max = 500) String repository,
            @QueryParam("host") @Size(max = 255) String host, @QueryParam("query") @Size(max = 200) String query,
            @QueryParam("pageId") @Size(max = 4000) String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return integrations.branches(caller.get(), repository, host, query, pageId, limit);
    }
}
