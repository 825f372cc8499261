package dev.gantry.worker.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.platform.auth.ServiceCredentialFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The event-store's read API (docs/INTERNAL-API.md), called with the worker's own token. */
@RegisterRestClient(configKey = "event-store")
@RegisterProvider(ServiceCredentialFilter.class)
@Path("/conversations/{id}")
public interface EventStoreApi {

    @GET
    @Path("/head")
    Head head(@PathParam("id") UUID conversationId);

    @GET
    @Path("/events")
    EventPage events(@PathParam("id") UUID conversationId, @QueryParam("afterSeq") long afterSeq,
            @QueryParam("limit") int limit, @QueryParam("pageId") String pageId);

    record Head(UUID conversationId, long lastSeq) {
    }

    record EventPage(List<ConversationEvent> items, String nextPageId) {
        public EventPage {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
