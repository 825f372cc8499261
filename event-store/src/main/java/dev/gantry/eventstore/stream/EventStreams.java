package dev.gantry.eventstore.stream;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.repository.EventFilter;
import dev.gantry.eventstore.repository.EventRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.BufferOverflowException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live streams of a conversation's events: the log after a position, then every event as it is
 * stored, with nothing missing or doubled where the one turns into the other.
 *
 * <p>The stream registers for live events first and only then reads the log. An event committed
 * before the read is in it; one committed after is announced after the registration, so it
 * arrives live; one that is both is dropped by the cursor. A live event that skips ahead of the
 * cursor (an announcement was lost) sends the stream back to the log.
 *
 * <p>Each stream buffers at most {@code bufferSize} signals for its client. When a client reads
 * too slowly the buffer overflows and its stream ends; the client resumes with Last-Event-ID.
 * Nothing upstream ever waits for a client.
 */
@ApplicationScoped
public class EventStreams {

    private final LiveEventHub hub;
    private final EventRepository repository;
    private final LiveMessageCodec codec;
    private final EventStoreConfig.Stream config;
    private final Vertx vertx;
    private final Counter overflows;

    public EventStreams(LiveEventHub hub, EventRepository repository, LiveMessageCodec codec, EventStoreConfig config,
            Vertx vertx, MeterRegistry registry) {
        this.hub = hub;
        this.repository = repository;
        this.codec = codec;
        this.config = config.stream();
        this.vertx = vertx;
        this.overflows = Counter.builder("gantry.streams.overflows")
                .description("Live streams ended because their client read too slowly").register(registry);
    }

    /** The conversation's events after {@code afterSeq}, then live, with heartbeats while it is quiet. */
    public Multi<StreamItem> open(UUID conversationId, long afterSeq) {
        StreamCursor cursor = new StreamCursor(afterSeq);
        Multi<LiveSignal> signals = Multi.createFrom().emitter(emitter -> {
            LiveEventHub.Registration registration = hub.register(conversationId, emitter::emit);
            long heartbeats = vertx.setPeriodic(config.heartbeat().toMillis(), tick -> emitter.emit(Heartbeat.INSTANCE));
            emitter.onTermination(() -> {
                vertx.cancelTimer(heartbeats);
                registration.close();
            });
            emitter.emit(CatchUp.INSTANCE);
        }, config.bufferSize());
        return signals
                .onItem().transformToMultiAndConcatenate(signal -> items(signal, conversationId, cursor))
                .select().where(cursor::admit)
                .onFailure(BufferOverflowException.class).invoke(overflow -> {
                    overflows.increment();
                    Log.debugf("stream of conversation %s ended after seq %d: its client reads too slowly",
                            conversationId, cursor.lastSeq());
                })
                .onFailure(BufferOverflowException.class).recoverWithCompletion();
    }

    private Multi<StreamItem> items(LiveSignal signal, UUID conversationId, StreamCursor cursor) {
        return switch (signal) {
            case Heartbeat heartbeat -> Multi.createFrom().item(heartbeat);
            case CatchUp catchUp -> fromLog(conversationId, cursor);
            case EventFrame frame when frame.seq() <= cursor.lastSeq() -> Multi.createFrom().empty();
            case EventFrame frame when frame.seq() == cursor.lastSeq() + 1 -> Multi.createFrom().item(frame);
            // an announcement before this one did not arrive: the log, committed first, has it
            case EventFrame frame -> fromLog(conversationId, cursor);
        };
    }

    /** Every stored event after the cursor, page by page. */
    private Multi<StreamItem> fromLog(UUID conversationId, StreamCursor cursor) {
        int pageSize = config.replayPageSize();
        return Multi.createBy().repeating()
                .uni(() -> new AtomicLong(cursor.lastSeq()),
                        after -> repository.page(conversationId, EventFilter.NONE, after.get(), pageSize)
                                .invoke(page -> {
                                    if (!page.isEmpty()) {
                                        after.set(page.getLast().seq());
                                    }
                                }))
                .whilst(page -> page.size() == pageSize)
                .onItem().<ConversationEvent>disjoint()
                .map(codec::frame);
    }
}
