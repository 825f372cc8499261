package dev.gantry.eventstore.stream;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.config.EventStoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Announces stored events on Redis, so the streams of every replica see them. It runs after the
 * database commit: a stream that hears of an event can always read it back from the log.
 *
 * <p>Announcements leave one after the other, in the order of the batches, so a conversation's
 * events reach the channel in seq order; ingest does not wait for them, so the next batch is
 * stored while this one is written as JSON, on a worker thread, and announced.
 */
@ApplicationScoped
public class LiveEventPublisher {

    private final UnicastProcessor<List<ConversationEvent>> outbox = UnicastProcessor.create();
    private final ReactivePubSubCommands<String> pubsub;
    private final LiveMessageCodec codec;
    private final String channel;
    private final Duration timeout;
    private final Counter failures;

    public LiveEventPublisher(ReactiveRedisDataSource redis, LiveMessageCodec codec, EventStoreConfig config,
            MeterRegistry registry) {
        this.pubsub = redis.pubsub(String.class);
        this.codec = codec;
        this.channel = config.stream().channel();
        this.timeout = config.stream().publishTimeout();
        this.failures = Counter.builder("gantry.events.live.publish.failures")
                .description("Stored batches that could not be announced on Redis").register(registry);
        // written and sent on a worker thread: ingest goes on with the next batch meanwhile
        outbox.emitOn(Infrastructure.getDefaultWorkerPool())
                .map(codec::encode)
                .onItem().transformToUniAndConcatenate(this::send)
                .subscribe().with(sent -> { });
    }

    /** Queues the announcement of events that are stored. */
    public synchronized void publish(List<ConversationEvent> stored) {
        if (!stored.isEmpty()) {
            outbox.onNext(stored);
        }
    }

    /**
     * Never fails, because the events are stored already: a stream that missed the announcement
     * reads them from the log when the conversation's next event arrives.
     */
    private Uni<Void> send(String message) {
        return pubsub.publish(channel, message)
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(failure -> {
                    failures.increment();
                    Log.warnf("could not announce stored events on Redis channel %s: %s", channel, failure.getMessage());
                })
                .onFailure().recoverWithNull();
    }
}
