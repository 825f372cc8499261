package dev.gantry.eventstore.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.eventstore.config.EventStoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands the events announced on Redis, by this replica or any other, to this replica's open
 * streams of their conversation, and tells streams to read the log when announcements may have
 * been lost. Handing over never waits: each stream buffers on its own.
 */
@ApplicationScoped
public class LiveEventHub {

    private final ConcurrentMap<UUID, Set<Consumer<LiveSignal>>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter opened;
    private final LiveMessageCodec codec;
    private final String channel;

    public LiveEventHub(LiveMessageCodec codec, EventStoreConfig config, MeterRegistry registry) {
        this.codec = codec;
        this.channel = config.stream().channel();
        Gauge.builder("gantry.streams.open", open, AtomicInteger::get)
                .description("Live event streams open on this replica").register(registry);
        opened = Counter.builder("gantry.streams.opened")
                .description("Live event streams opened on this replica since it started").register(registry);
    }

    /** Starts handing this conversation's signals to the listener until the registration is closed. */
    public Registration register(UUID conversationId, Consumer<LiveSignal> listener) {
        listeners.compute(conversationId, (id, current) -> {
            Set<Consumer<LiveSignal>> set = current == null ? ConcurrentHashMap.newKeySet() : current;
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

    /** The conversations with at least one open stream here. */
    public Set<UUID> listened() {
        return Set.copyOf(listeners.keySet());
    }

    /** Sends the streams of these conversations to the log, for what may not have been announced. */
    public void catchUp(Collection<UUID> conversationIds) {
        for (UUID conversationId : conversationIds) {
            Set<Consumer<LiveSignal>> streams = listeners.get(conversationId);
            if (streams != null) {
                streams.forEach(stream -> stream.accept(CatchUp.INSTANCE));
            }
        }
    }

    /** Sends every stream here to the log. */
    public void catchUpAll() {
        catchUp(listeners.keySet());
    }

    /** Hands the events of an announced batch to the streams of their conversations. */
    void dispatch(String batch) {
        if (listeners.isEmpty()) {
            // nobody listens here: the message need not even be read
            return;
        }
        List<EventFrame> frames;
        try {
            frames = codec.decode(batch, listeners::containsKey);
        } catch (RuntimeException | JsonProcessingException e) {
            Log.warnf("ignored a message on Redis channel %s that is not a batch of events: %s", channel, e.getMessage());
            return;
        }
        for (EventFrame frame : frames) {
            Set<Consumer<LiveSignal>> streams = listeners.get(frame.conversationId());
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
