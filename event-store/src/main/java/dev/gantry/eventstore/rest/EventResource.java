package dev.gantry.eventstore.rest;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.repository.EventFilter;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.stream.EventFrame;
import dev.gantry.eventstore.stream.EventStreams;
import dev.gantry.eventstore.stream.Heartbeat;
import dev.gantry.platform.auth.CalledBy;
import dev.gantry.platform.auth.ServiceNames;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A conversation's event log: history pages, single events, counts, the head, and the live stream. Called
 * for users (the gateway's signed user token) and, for the history and the head, by the agent-worker and the
 * integrations-service (the resolver reads the end of a conversation's log for its closing comment).
 * Ownership is the gateway's business (it asks the conversation-service first): an unknown conversation
 * simply has no events, and a user token is not matched against the conversation's owner here.
 */
@Path("/conversations/{id}")
@CalledBy(users = true)
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    /** The header an SSE client sends when it reconnects: the id (= seq) of the last event it got. */
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String HEARTBEAT_COMMENT = "heartbeat";

    private final EventRepository repository;
    private final EventStreams streams;
    private final int maxPageSize;

    public EventResource(EventRepository repository, EventStreams streams, EventStoreConfig config) {
        this.repository = repository;
        this.streams = streams;
        this.maxPageSize = config.maxPageSize();
    }

    /**
     * Events by seq ascending, after {@code afterSeq} (0: from the start). {@code pageId}, the
     * {@code nextPageId} of the previous page, continues a walk and takes precedence over {@code afterSeq}.
     */
    @GET
    @Path("/events")
    @CalledBy(users = true, services = {ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE})
    public Uni<EventPage> events(@RestPath String id, @RestQuery String afterSeq, @RestQuery String limit,
            @RestQuery String kind, @RestQuery String source, @RestQuery String pageId) {
        ParameterReader parameters = new ParameterReader();
        UUID conversationId = parameters.uuid("id", id);
        long after = parameters.seq("afterSeq", afterSeq, 0);
        long from = pageId == null ? after : parameters.seq("pageId", pageId, after);
        int size = parameters.limit("limit", limit, maxPageSize);
        String eventKind = parameters.kind("kind", kind);
        EventSource eventSource = parameters.source("source", source);
        parameters.validate();
        // one row more than asked tells whether another page follows
        return repository.page(conversationId, new EventFilter(eventKind, eventSource), from, size + 1)
                .map(events -> page(events, size));
    }

    @GET
    @Path("/events/count")
    public Uni<EventCount> count(@RestPath String id, @RestQuery String kind, @RestQuery String source) {
        ParameterReader parameters = new ParameterReader();
        UUID conversationId = parameters.uuid("id", id);
        String eventKind = parameters.kind("kind", kind);
        EventSource eventSource = parameters.source("source", source);
        parameters.validate();
        return repository.count(conversationId, new EventFilter(eventKind, eventSource)).map(EventCount::new);
    }

    @GET
    @Path("/events/{eventId}")
    public Uni<ConversationEvent> event(@RestPath String id, @RestPath String eventId) {
        ParameterReader parameters = new ParameterReader();
        UUID conversationId = parameters.uuid("id", id);
        UUID event = parameters.uuid("eventId", eventId);
        parameters.validate();
        return repository.findById(conversationId, event)
                .map(found -> found.orElseThrow(() -> new EventNotFoundException(conversationId, event)));
    }

    @GET
    @Path("/head")
    @CalledBy(users = true, services = {ServiceNames.AGENT_WORKER, ServiceNames.INTEGRATIONS_SERVICE})
    public Uni<ConversationHead> head(@RestPath String id) {
        ParameterReader parameters = new ParameterReader();
        UUID conversationId = parameters.uuid("id", id);
        parameters.validate();
        return repository.lastSeq(conversationId).map(lastSeq -> new ConversationHead(conversationId, lastSeq));
    }

    /**
     * Server-Sent Events: each event with {@code id: <seq>}, {@code event: <kind>} and the envelope as
     * data, from after {@code Last-Event-ID} (a reconnecting client's) or else {@code afterSeq}.
     */
    @GET
    @Path("/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@RestPath String id, @RestQuery String afterSeq,
            @RestHeader(LAST_EVENT_ID) String lastEventId, @Context Sse sse) {
        ParameterReader parameters = new ParameterReader();
        UUID conversationId = parameters.uuid("id", id);
        long after = parameters.seq("afterSeq", afterSeq, 0);
        long from = lastEventId == null ? after : parameters.seq(LAST_EVENT_ID, lastEventId, after);
        parameters.validate();
        return streams.open(conversationId, from).map(item -> switch (item) {
            case EventFrame frame -> sse.newEventBuilder()
                    .id(Long.toString(frame.seq())).name(frame.kind()).data(frame.json()).build();
            case Heartbeat heartbeat -> sse.newEventBuilder().comment(HEARTBEAT_COMMENT).build();
        });
    }

    private static EventPage page(List<ConversationEvent> events, int size) {
        if (events.size() <= size) {
            return new EventPage(events, null);
        }
        List<ConversationEvent> items = events.subList(0, size);
        return new EventPage(List.copyOf(items), Long.toString(items.getLast().seq()));
    }
}
