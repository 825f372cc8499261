package dev.gantry.gateway.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.gateway.api.Page;
import dev.gantry.platform.auth.Caller;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * event-store's queries, as INTERNAL-API.md writes them, each for the user who asked; it does not check ownership.
 * The live stream is {@link EventStreamApi}'s, on a connection pool of its own.
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
}
