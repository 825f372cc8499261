package dev.gantry.integrations.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.platform.auth.ServiceCredentialFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The event-store's read routes the integrations-service may call (docs/INTERNAL-API.md), with its own token: the
 * resolver reads the end of a conversation's log when it did not see its final message go by.
 */
@RegisterRestClient(configKey = "event-store")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/conversations/{id}")
public interface EventStoreApi {

    @GET
    @Path("/head")
    Uni<Head> head(@PathParam("id") UUID conversationId);

    /** Events by seq ascending, after {@code afterSeq}. */
    @GET
    @Path("/events")
    Uni<EventPage> events(@PathParam("id") UUID conversationId, @QueryParam("afterSeq") long afterSeq,
            @QueryParam("limit") int limit);

    record Head(UUID conversationId, long lastSeq) {
    }

    record EventPage(List<ConversationEvent> items, String nextPageId) {
        public EventPage {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
