package dev.gantry.gateway.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.gateway.api.Page;
import dev.gantry.platform.auth.Caller;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.SseEvent;

/**
 * event-store's queries and live stream, as INTERNAL-API.md writes them, each for the user who asked; it does
 * not check ownership.
 */
@RegisterRestClient(configKey = "event-store")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterProvider(UserCredentialFilter.class)
public interface EventStoreApi {

    @GET
    @Path("/conversations/{id}/events")
    Uni<Page<ConversationEvent>> events(@NotBody Caller.User user, @PathParam("id") UUID conversationId, @QueryParam("afterSeq") Long afterSeq,
            @QueryParam("limit") Integer limit, @QueryParam("kind") String kind, @QueryParam("source") String source,
            @QueryParam("pageId") String pageId);

    @GET
    @Path("/conversations/{id}/head")
    Uni<EventLogHead> head(@NotBody Caller.User user, @PathParam("id") UUID conversationId);

    /** Events after {@code afterSeq}, then live; the data of each is the event's JSON, relayed untouched. */
    @GET
    @Path("/conversations/{id}/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> stream(@NotBody Caller.User user, @PathParam("id") UUID conversationId,
            @QueryParam("afterSeq") Long afterSeq);
}
