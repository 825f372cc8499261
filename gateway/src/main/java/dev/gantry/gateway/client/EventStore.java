package dev.gantry.gateway.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.auth.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.resteasy.reactive.client.SseEvent;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * event-store, called for the given {@link Caller}. It does not check ownership: callers check it through
 * {@link ConversationService#get} first.
 */
@ApplicationScoped
@Downstream("event-store")
public class EventStore {

    private final EventStoreApi api;
    private final EventStreamApi streams;

    EventStore(@RestClient EventStoreApi api, @RestClient EventStreamApi streams) {
        this.api = api;
        this.streams = streams;
    }

    @ApplyGuard(Guards.EVENT_STORE_IDEMPOTENT)
    public Uni<Page<ConversationEvent>> events(Caller caller, UUID conversationId, Long afterSeq, Integer limit, String kind,
            String source, String pageId) {
        return api.events(caller.user(), conversationId, afterSeq, limit, kind, source, pageId);
    }

    /** The seq of the conversation's newest event; also tells whether the event-store answers at all. */
    @ApplyGuard(Guards.EVENT_STORE_IDEMPOTENT)
    public Uni<EventLogHead> head(Caller caller, UUID conversationId) {
        return api.head(caller.user(), conversationId);
    }

    /**
     * The live stream after {@code afterSeq}. A stream is open for as long as the client listens, so
     * it has no timeout or retry: a client resumes it with Last-Event-ID.
     */
    public Multi<SseEvent<String>> stream(Caller caller, UUID conversationId, Long afterSeq) {
        return streams.stream(caller.user(), conversationId, afterSeq);
    }
}
