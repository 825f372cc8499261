package dev.gantry.conversation.rest;

import dev.gantry.contracts.GantryHeaders;
import dev.gantry.conversation.rest.dto.EventCallback;
import dev.gantry.conversation.rest.dto.EventCallbackRequest;
import dev.gantry.conversation.service.EventCallbackService;
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
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** Where the caller wants their conversations' events posted. */
@Path("/event-callbacks")
@UserScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventCallbackResource {

    private final EventCallbackService callbacks;

    EventCallbackResource(EventCallbackService callbacks) {
        this.callbacks = callbacks;
    }

    @GET
    public Uni<Page<EventCallback>> list(@HeaderParam(GantryHeaders.USER) String userId,
            @QueryParam("pageId") String pageId, @QueryParam("limit") String limit) {
        return callbacks.list(userId, pageId, QueryParams.pageLimit(limit));
    }

    @POST
    @ResponseStatus(RestResponse.StatusCode.CREATED)
    public Uni<EventCallback> create(@HeaderParam(GantryHeaders.USER) String userId,
            @Valid @NotNull EventCallbackRequest body) {
        return callbacks.create(userId, body);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(RestResponse.StatusCode.NO_CONTENT)
    public Uni<Void> delete(@HeaderParam(GantryHeaders.USER) String userId, @PathParam("id") UUID id) {
        return callbacks.delete(userId, id);
    }
}
