package dev.gantry.eventstore.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.repository.EventRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This replica's ear on the Redis channel where every replica announces what it stored.
 *
 * <p>Redis pub/sub keeps nothing: a message sent while a subscriber's connection is down is gone,
 * and a subscription does not survive a restart of Redis (its client neither re-subscribes nor, if
 * the connection is cut without a word, notices). So the replica sends itself a probe on the
 * channel every {@code probe-interval}. When its connection ends, or no probe has come back for
 * two intervals, the channel counts as lost: it subscribes again at each probe, and
 * meanwhile reads the heads of the conversations its streams follow and sends the streams whose
 * conversation moved to the log, so a stream keeps flowing, at the probe's pace, without Redis.
 * When a probe comes back through the new subscription, every stream reads the log once more (for
 * what was stored between the last read and the subscription) and announcements take over again.
 */
@ApplicationScoped
public class LiveChannel {

    private final ReactivePubSubCommands<String> pubsub;
    private final LiveEventHub hub;
    private final LiveEventPublisher publisher;
    private final LiveMessageCodec codec;
    private final EventRepository repository;
    private final Vertx vertx;
    private final String channel;
    private final Duration probeInterval;
    private final Duration subscribeTimeout;
    private final String replica = UUID.randomUUID().toString();
    private final AtomicLong probesSent = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean subscribing = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Map<UUID, Long> polledHeads = new ConcurrentHashMap<>();
    private final Counter losses;
    private volatile boolean listening;
    private volatile ReactiveRedisSubscriber subscriber;
    private volatile long subscribedAt;
    private volatile long lastProbeBack = System.nanoTime();
    private volatile boolean stopping;
    private long timer = -1;

    public LiveChannel(ReactiveRedisDataSource redis, LiveEventHub hub, LiveEventPublisher publisher,
            LiveMessageCodec codec, EventRepository repository, Vertx vertx, EventStoreConfig config,
            MeterRegistry registry) {
        this.pubsub = redis.pubsub(String.class);
        this.hub = hub;
        this.publisher = publisher;
        this.codec = codec;
        this.repository = repository;
        this.vertx = vertx;
        this.channel = config.stream().channel();
        this.probeInterval = config.stream().probeInterval();
        this.subscribeTimeout = config.stream().subscribeTimeout();
        Gauge.builder("gantry.streams.live.listening", this, channel -> channel.listening ? 1 : 0)
                .description("1 while this replica hears the Redis channel of announcements; 0 while its streams "
                        + "read the log instead")
                .register(registry);
        losses = Counter.builder("gantry.streams.live.losses")
                .description("Times this replica lost the Redis channel of announcements").register(registry);
    }

    /** Subscribes before the first request can open a stream; without Redis it starts anyway, deaf. */
    void start(@Observes StartupEvent start) {
        try {
            subscribe().await().atMost(subscribeTimeout);
            listening = true;
            lastProbeBack = System.nanoTime();
            Log.infof("live fan-out: subscribed to Redis channel %s", channel);
        } catch (RuntimeException e) {
            Log.warnf("live fan-out: no subscription to Redis channel %s yet (%s); streams read the log until there is",
                    channel, e.getMessage());
        }
        timer = vertx.setPeriodic(probeInterval.toMillis(), tick -> tick());
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether announcements are heard now. */
    public boolean listening() {
        return listening;
    }

    private void tick() {
        long silence = System.nanoTime() - lastProbeBack;
        if (listening && silence > 2 * probeInterval.toNanos()) {
            lost(generation.get(), "no probe came back in " + Duration.ofNanos(silence).toMillis() + " ms");
        }
        if (!listening) {
            if (resubscribeDue()) {
                subscribe().subscribe().with(subscribed -> { }, failure -> Log.debugf(
                        "live fan-out: subscribing to Redis channel %s failed: %s", channel, failure.getMessage()));
            }
            pollHeads();
        }
        long probe = probesSent.incrementAndGet();
        pubsub.publish(channel, codec.probe(replica + ":" + probe))
                .ifNoItem().after(probeInterval).fail()
                .subscribe().with(receivers -> { }, failure -> { });
        publisher.noticeLoss();
    }

    private Uni<Void> subscribe() {
        subscribing.set(true);
        long mine = generation.incrementAndGet();
        return pubsub.subscribe(channel, this::receive, () -> lost(mine, "its connection ended"),
                        failure -> lost(mine, failure.getMessage()))
                .ifNoItem().after(subscribeTimeout).fail()
                .invoke(subscribed -> {
                    if (generation.get() != mine) {
                        // answered after a newer try
                        unsubscribe(subscribed);
                        return;
                    }
                    ReactiveRedisSubscriber previous = subscriber;
                    subscriber = subscribed;
                    subscribedAt = System.nanoTime();
                    if (previous != null) {
                        unsubscribe(previous);
                    }
                })
                .eventually(() -> subscribing.set(false))
                .replaceWithVoid();
    }

    private static void unsubscribe(ReactiveRedisSubscriber subscription) {
        subscription.unsubscribe().subscribe().with(done -> { }, failure -> { });
    }

    /** Whether to subscribe again: there is no subscription, or it has not brought a probe back in three tries. */
    private boolean resubscribeDue() {
        long at = subscribedAt;
        return !subscribing.get() && (at == 0 || System.nanoTime() - at > 3 * probeInterval.toNanos());
    }

    private void lost(long subscription, String why) {
        if (subscription != generation.get() || stopping) {
            return;
        }
        subscribedAt = 0;
        if (!listening) {
            return;
        }
        listening = false;
        polledHeads.clear();
        losses.increment();
        Log.warnf("live fan-out: lost Redis channel %s (%s); streams read the log every %s until it is back",
                channel, why, probeInterval);
    }

    private void receive(String message) {
        LiveMessageCodec.Message read;
        try {
            read = codec.read(message);
        } catch (RuntimeException | JsonProcessingException e) {
            Log.warnf("ignored a message on Redis channel %s: %s", channel, e.getMessage());
            return;
        }
        switch (read) {
            case LiveMessageCodec.Batch batch -> hub.dispatch(batch.json());
            case LiveMessageCodec.Probe probe when probe.token().startsWith(replica + ":") -> probeBack(probe);
            case LiveMessageCodec.Probe other -> { } // another replica's
            case LiveMessageCodec.CatchUpNotice notice -> hub.catchUpAll();
        }
    }

    private void probeBack(LiveMessageCodec.Probe probe) {
        lastProbeBack = System.nanoTime();
        if (!listening) {
            listening = true;
            Log.infof("live fan-out: hearing Redis channel %s again", channel);
            // what was stored between the last read of the heads and the new subscription
            hub.catchUpAll();
        }
    }

    /** Sends the streams whose conversation's head moved since the last look to the log. */
    private void pollHeads() {
        Set<UUID> listened = hub.listened();
        if (listened.isEmpty() || !polling.compareAndSet(false, true)) {
            return;
        }
        repository.lastSeqs(listened)
                .eventually(() -> polling.set(false))
                .subscribe().with(heads -> {
                    polledHeads.keySet().retainAll(listened);
                    List<UUID> moved = heads.entrySet().stream()
                            .filter(head -> !head.getValue().equals(polledHeads.put(head.getKey(), head.getValue())))
                            .map(Map.Entry::getKey)
                            .toList();
                    hub.catchUp(moved);
                }, failure -> Log.debugf("live fan-out: could not read the heads of %d conversations: %s",
                        listened.size(), failure.getMessage()));
    }
}
