package dev.gantry.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.api.ResolverConfigurationRequest;
import dev.gantry.gateway.auth.CurrentCaller;
import dev.gantry.gateway.client.Integrations;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The resolver's configurations (README, "The resolver"): which repository's webhooks start conversations, as whom,
 * verified with which of that user's secrets. Kept by integrations-service.
 */
@Path("/api/v1/resolver/configurations")
@Authenticated
@Tag(name = "git")
public class ResolverResource {

    private final Integrations integrations;
    private final CurrentCaller caller;

    ResolverResource(Integrations integrations, CurrentCaller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the caller's resolver configurations (every user's with allUsers=true, for an admin)")
    @APIResponse(responseCode = "200", description = "The configurations, by host and repository")
    @APIResponse(responseCode = "403", description = "allUsers=true from a user who is not an admin")
    @APIResponse(responseCode = "503", description = GitResource.INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> list(@QueryParam("allUsers") Boolean allUsers) {
        return integrations.resolverConfigurations(caller.get(), allUsers);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Have a repository's webhooks start conversations as a user (the caller, or any for an admin)")
    @APIResponse(responseCode = "201", description = "Configured")
    @APIResponse(responseCode = "400", description = "A field is wrong: the user has no git connection to the host, no such secret...")
    @APIResponse(responseCode = "403", description = "Another user's configuration, from a user who is not an admin")
    @APIResponse(responseCode = "409", description = "The repository has a configuration already")
    @APIResponse(responseCode = "503", description = GitResource.INTEGRATIONS_UNAVAILABLE)
    public Uni<JsonNode> create(@Valid @NotNull ResolverConfigurationRequest request) {
        return integrations.createResolverConfiguration(caller.get(), request);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a resolver configuration (the caller's; any, for an admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such configuration of the caller")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return integrations.deleteResolverConfiguration(caller.get(), id);
    }
}
