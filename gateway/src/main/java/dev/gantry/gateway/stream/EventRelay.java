package dev.gantry.gateway.stream;

import dev.gantry.gateway.auth.Caller;
import dev.gantry.gateway.client.ConversationService;
import dev.gantry.gateway.client.EventStore;
import dev.gantry.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.client.SseEvent;

/**
 * A conversation's events, live from the event-store, for a caller who owns it. The ownership check
 * comes first: for another user's conversation the stream fails with a 404 problem before the
 * event-store is asked anything. The event-store's own heartbeat comments are dropped: each relay
 * (SSE, WebSocket) keeps its client connection alive its own way.
 */
@ApplicationScoped
public class EventRelay {

    private final ConversationService conversations;
    private final EventStore eventStore;
    private final Duration heartbeatInterval;

    EventRelay(ConversationService conversations, EventStore eventStore, GatewayConfig config) {
        this.conversations = conversations;
        this.eventStore = eventStore;
        this.heartbeatInterval = config.stream().heartbeatInterval();
    }

    /** Succeeds when the caller owns the conversation; fails with a 404 problem otherwise. */
    public Uni<Void> checkOwnership(Caller caller, UUID conversationId) {
        return conversations.get(caller, conversationId).replaceWithVoid();
    }

    /**
     * Succeeds when the caller owns the conversation and the event-store answers: a stream that
     * cannot start is then a 404 or 503 problem rather than a stream that ends at once.
     */
    public Uni<Void> checkStreamable(Caller caller, UUID conversationId) {
        return checkOwnership(caller, conversationId).chain(() -> eventStore.head(caller, conversationId)).replaceWithVoid();
    }

    /** The events after {@code afterSeq} (all when null), then each new one as it is stored; ownership checked first. */
    public Multi<RelayedEvent> events(Caller caller, UUID conversationId, Long afterSeq) {
        return checkOwnership(caller, conversationId)
                .onItem().transformToMulti(owned -> uncheckedEvents(caller, conversationId, afterSeq));
    }

    /**
     * The events merged with a heartbeat every interval, which ends soon after the events end. For a
     * caller whose ownership was checked already ({@link #checkOwnership}).
     */
    public Multi<StreamItem> eventsWithHeartbeats(Caller caller, UUID conversationId, Long afterSeq) {
        AtomicBoolean ended = new AtomicBoolean();
        Multi<StreamItem> events = uncheckedEvents(caller, conversationId, afterSeq)
                .map(StreamItem.class::cast)
                .onTermination().invoke(() -> ended.set(true));
        Multi<StreamItem> heartbeats = Multi.createFrom().ticks().every(heartbeatInterval)
                .select().first(tick -> !ended.get())
                .map(tick -> StreamItem.HEARTBEAT);
        return Multi.createBy().merging().streams(events, heartbeats);
    }

    private Multi<RelayedEvent> uncheckedEvents(Caller caller, UUID conversationId, Long afterSeq) {
        return eventStore.stream(caller, conversationId, afterSeq)
                .filter(EventRelay::carriesAnEvent)
                .map(e -> new RelayedEvent(e.id(), e.name(), e.data()));
    }

    private static boolean carriesAnEvent(SseEvent<String> event) {
        return event.data() != null && !event.data().isBlank();
    }
}
