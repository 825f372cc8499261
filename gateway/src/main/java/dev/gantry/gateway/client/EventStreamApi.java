package dev.gantry.gateway.client;

import dev.gantry.platform.auth.Caller;
import io.quarkus.rest.client.reactive.NotBody;
import io.smallrye.mutiny.Multi;
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
 * event-store's live stream, for the user who asked. A client of its own (config key {@code event-store-stream}),
 * so its connection pool is its own: each open stream holds a connection for as long as its client listens, and when
 * streams shared the pool of {@link EventStoreApi}'s calls, fifty open streams left every other call to the
 * event-store waiting for a connection until it timed out.
 */
@RegisterRestClient(configKey = "event-store-stream")
@RegisterProvider(DownstreamResponseMapper.class)
@RegisterProvider(UserCredentialFilter.class)
public interface EventStreamApi {

    /** Events after {@code afterSeq}, then live; the data of each is the event's JSON, relayed untouched. */
    @GET
    @Path("/conversations/{id}/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> stream(@NotBody Caller.User user, @PathParam("id") UUID conversationId,
            @QueryParam("afterSeq") Long afterSeq);
}
