package dev.gantry.eventstore.stream;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.config.EventStoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Announces stored events on Redis, so the streams of every replica see them. It runs after the
 * database commit: a stream that hears of an event can always read it back from the log.
 */
@ApplicationScoped
public class LiveEventPublisher {

    private final ReactivePubSubCommands<String> pubsub;
    private final LiveMessageCodec codec;
    private final String channel;
    private final Counter failures;

    public LiveEventPublisher(ReactiveRedisDataSource redis, LiveMessageCodec codec, EventStoreConfig config,
            MeterRegistry registry) {
        this.pubsub = redis.pubsub(String.class);
        this.codec = codec;
        this.channel = config.stream().channel();
        this.failures = Counter.builder("gantry.events.live.publish.failures")
                .description("Stored batches that could not be announced on Redis").register(registry);
    }

    /**
     * Announces the events; never fails, because they are stored already: a stream that missed the
     * announcement reads them from the log when the conversation's next event arrives.
     */
    public Uni<Void> publish(List<ConversationEvent> stored) {
        if (stored.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pubsub.publish(channel, codec.encode(stored))
                .onFailure().invoke(failure -> {
                    failures.increment();
                    Log.warnf("could not announce %d stored events on Redis channel %s: %s",
                            stored.size(), channel, failure.getMessage());
                })
                .onFailure().recoverWithNull();
    }
}
