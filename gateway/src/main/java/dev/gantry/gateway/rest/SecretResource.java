package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.api.SecretSummary;
import dev.gantry.gateway.api.SecretUpdate;
import dev.gantry.gateway.api.SecretWrite;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The caller's secrets (LLM API keys, tokens); a value is written, never read back. */
@Path("/api/v1/secrets")
@Authenticated
@Tag(name = "secrets")
public class SecretResource {

    private final ConversationService conversations;
    private final CurrentCaller caller;

    SecretResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the caller's secrets, without values")
    @APIResponse(responseCode = "200", description = "A page of secrets")
    public Uni<Page<SecretSummary>> list(@QueryParam("pageId") String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return conversations.secrets(caller.get(), pageId, limit);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Store a new secret")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "409", description = "A secret of that name exists")
    public Uni<SecretSummary> create(@Valid @NotNull SecretWrite secret) {
        return conversations.createSecret(caller.get(), secret);
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Store or replace the named secret")
    @APIResponse(responseCode = "200", description = "Stored")
    public Uni<SecretSummary> put(@PathParam("name") String name, @Valid @NotNull SecretUpdate update) {
        return conversations.putSecret(caller.get(), update.named(name));
    }

    @DELETE
    @Path("/{name}")
    @ResponseStatus(204)
    @Operation(summary = "Delete the named secret")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such secret of the caller")
    public Uni<Void> delete(@PathParam("name") String name) {
        return conversations.deleteSecret(caller.get(), name);
    }
}
