package dev.gantry.conversation.rest;

import dev.gantry.conversation.rest.dto.EventCallback;
import dev.gantry.conversation.rest.dto.EventCallbackRequest;
import dev.gantry.conversation.service.EventCallbackService;
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
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** Where the caller wants their conversations' events posted. */
@CompletesWithoutTheCaller
@Path("/event-callbacks")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventCallbackResource {

    private final EventCallbackService callbacks;
    private final CurrentCaller caller;

    EventCallbackResource(EventCallbackService callbacks, CurrentCaller caller) {
        this.callbacks = callbacks;
        this.caller = caller;
    }

    @GET
    public Uni<Page<EventCallback>> list(@QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return callbacks.list(caller.userId(), pageId, QueryParams.pageLimit(limit));
    }

    @POST
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<EventCallback> create(@Valid @NotNull EventCallbackRequest body) {
        return callbacks.create(caller.userId(), body);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return callbacks.delete(caller.userId(), id);
    }
}
