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
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final AtomicBoolean lost = new AtomicBoolean();

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
     * After announcements were lost, tells every replica's streams to read the log, once Redis takes
     * messages again. {@link LiveChannel} calls it at each of its probes.
     */
    void noticeLoss() {
        // cleared first: a batch stored from now on is announced (or fails and sets it again); every
        // batch skipped before was stored before the notice goes, so the notice covers it
        if (!lost.compareAndSet(true, false)) {
            return;
        }
        pubsub.publish(channel, codec.catchUpNotice())
                .ifNoItem().after(timeout).fail()
                .subscribe().with(receivers -> Log.infof(
                        "announcing on Redis channel %s again; every stream reads the log for what was not announced",
                        channel), failure -> lost.set(true));
    }

    /**
     * Never fails, because the events are stored already: a stream that missed the announcement
     * reads them from the log when the conversation's next event arrives, or when the catch-up
     * notice that follows a loss reaches it. While announcements are being lost, the next ones are
     * not even tried (they would wait out their timeout one after the other): the notice covers them.
     */
    private Uni<Void> send(String message) {
        if (lost.get()) {
            failures.increment();
            return Uni.createFrom().voidItem();
        }
        return pubsub.publish(channel, message)
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(failure -> {
                    failures.increment();
                    if (lost.compareAndSet(false, true)) {
                        Log.warnf("could not announce stored events on Redis channel %s (%s); streams read them from the log",
                                channel, failure);
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
