package dev.gantry.eventstore.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.eventstore.config.EventStoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands the events announced on Redis, by this replica or any other, to this replica's open
 * streams of their conversation. Handing over never waits: each stream buffers on its own.
 */
@ApplicationScoped
public class LiveEventHub {

    private final ConcurrentMap<UUID, Set<Consumer<EventFrame>>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter opened;
    private final ReactiveRedisDataSource redis;
    private final LiveMessageCodec codec;
    private final EventStoreConfig config;

    public LiveEventHub(ReactiveRedisDataSource redis, LiveMessageCodec codec, EventStoreConfig config,
            MeterRegistry registry) {
        this.redis = redis;
        this.codec = codec;
        this.config = config;
        Gauge.builder("gantry.streams.open", open, AtomicInteger::get)
                .description("Live event streams open on this replica").register(registry);
        opened = Counter.builder("gantry.streams.opened")
                .description("Live event streams opened on this replica since it started").register(registry);
    }

    /** Subscribes before the first request can open a stream, so no stream starts deaf. */
    void subscribe(@Observes StartupEvent start) {
        String channel = config.stream().channel();
        redis.pubsub(String.class).subscribe(channel, this::dispatch).await().atMost(config.stream().subscribeTimeout());
        Log.infof("live fan-out: subscribed to Redis channel %s", channel);
    }

    /** Starts handing this conversation's events to the listener until the registration is closed. */
    public Registration register(UUID conversationId, Consumer<EventFrame> listener) {
        listeners.compute(conversationId, (id, current) -> {
            Set<Consumer<EventFrame>> set = current == null ? ConcurrentHashMap.newKeySet() : current;
            set.add(listener);
            return set;
        });
        open.incrementAndGet();
        opened.increment();
        return () -> {
            listeners.computeIfPresent(conversationId, (id, set) -> {
                set.remove(listener);
                return set.isEmpty() ? null : set;
            });
            open.decrementAndGet();
        };
    }

    private void dispatch(String message) {
        if (listeners.isEmpty()) {
            // nobody listens here: the message need not even be read
            return;
        }
        List<EventFrame> frames;
        try {
            frames = codec.decode(message, listeners::containsKey);
        } catch (RuntimeException | JsonProcessingException e) {
            Log.warnf("ignored a message on Redis channel %s that is not a batch of events: %s",
                    config.stream().channel(), e.getMessage());
            return;
        }
        for (EventFrame frame : frames) {
            Set<Consumer<EventFrame>> streams = listeners.get(frame.conversationId());
            if (streams != null) {
                streams.forEach(stream -> stream.accept(frame));
            }
        }
    }

    /** Stops a listener's delivery. */
    @FunctionalInterface
    public interface Registration {
        void close();
    }
}
