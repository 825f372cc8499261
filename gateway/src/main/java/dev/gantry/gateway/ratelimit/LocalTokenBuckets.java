package dev.gantry.gateway.ratelimit;

import dev.gantry.gateway.config.GatewayConfig;
import dev.gantry.gateway.ratelimit.TokenBucket.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets in this replica's memory, with the same burst and rate as Redis' (TokenBucket): what a key is
 * checked against while Redis does not answer, so that an outage of Redis does not lift every limit. Each
 * replica then grants up to the full rate on its own. A bucket left alone long enough to be full again is
 * forgotten (a new one is the same), and at most {@code MAX_KEYS} are kept: a client address is chosen by whoever
 * calls, and an outage must not let them fill the gateway's memory; past it, the buckets not used for half a
 * refill are forgotten, and all of them if that is not enough.
 */
@ApplicationScoped
class LocalTokenBuckets {

    static final int MAX_KEYS = 100_000;

    private final double capacity;
    private final double tokensPerNano;
    private final long refillNanos;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    @Inject
    LocalTokenBuckets(GatewayConfig config) {
        this(config.rateLimit().burst(), config.rateLimit().requestsPerMinute(), System::nanoTime);
    }

    LocalTokenBuckets(int burst, int requestsPerMinute, LongSupplier clock) {
        this.capacity = burst;
        this.tokensPerNano = requestsPerMinute / (double) Duration.ofMinutes(1).toNanos();
        this.refillNanos = (long) Math.ceil(capacity / tokensPerNano);
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
    }

    /** Takes a token from the bucket of {@code key}, or says how long until one is there. */
    Decision take(String key) {
        long now = clock.getAsLong();
        sweep(now);
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        if (now - lastSweep < refillNanos && buckets.size() < MAX_KEYS) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(bucket -> bucket.fullAt(now, refillNanos));
        if (buckets.size() >= MAX_KEYS) {
            buckets.values().removeIf(bucket -> bucket.olderThan(now, refillNanos / 2));
        }
        if (buckets.size() >= MAX_KEYS) {
            // keys sprayed faster than buckets refill: a new bucket is all any of them would get anyway
            buckets.clear();
        }
    }

    private final class Bucket {

        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, Duration.ZERO);
            }
            return new Decision(false, Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
        }

        synchronized boolean fullAt(long now, long refill) {
            return now - updated >= refill;
        }

        synchronized boolean olderThan(long now, long age) {
            return now - updated >= age;
        }
    }
}
