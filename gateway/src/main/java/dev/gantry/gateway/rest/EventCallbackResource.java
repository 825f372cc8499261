package dev.gantry.gateway.rest;

import dev.gantry.gateway.api.EventCallback;
import dev.gantry.gateway.api.EventCallbackRequest;
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

/** URLs that receive the caller's conversation events, signed with one of the caller's secrets. */
@Path("/api/v1/event-callbacks")
@Authenticated
@Tag(name = "event-callbacks")
public class EventCallbackResource {

    private final ConversationService conversations;
    private final CurrentCaller caller;

    EventCallbackResource(ConversationService conversations, CurrentCaller caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List the caller's event callbacks")
    @APIResponse(responseCode = "200", description = "A page of event callbacks")
    public Uni<Page<EventCallback>> list(@QueryParam("pageId") String pageId,
            @QueryParam("limit") @Min(PageParams.MIN_LIMIT) @Max(PageParams.MAX_LIMIT) Integer limit) {
        return conversations.eventCallbacks(caller.get(), pageId, limit);
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Add an event callback")
    @APIResponse(responseCode = "201", description = "Added")
    public Uni<EventCallback> create(@Valid @NotNull EventCallbackRequest callback) {
        return conversations.createEventCallback(caller.get(), callback);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove an event callback")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such event callback of the caller")
    public Uni<Void> delete(@PathParam("id") String id) {
        return conversations.deleteEventCallback(caller.get(), id);
    }
}
