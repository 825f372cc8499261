package dev.gantry.gateway.ratelimit;

import dev.gantry.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Token buckets in Redis, one per key, shared by every gateway replica. The refill arithmetic runs
 * in a Lua script with Redis' clock, so replicas with skewed clocks agree.
 */
@ApplicationScoped
public class TokenBucket {

    private static final String KEY_PREFIX = "gantry:ratelimit:";
    private static final double MILLIS_PER_MINUTE = Duration.ofMinutes(1).toMillis();

    private final ReactiveRedisDataSource redis;
    private final String script;
    private final String capacity;
    private final String tokensPerMilli;

    TokenBucket(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.script = load("/ratelimit/token-bucket.lua");
        this.capacity = Integer.toString(config.rateLimit().burst());
        this.tokensPerMilli = Double.toString(config.rateLimit().requestsPerMinute() / MILLIS_PER_MINUTE);
    }

    /** Takes a token from the bucket of {@code key}, or says how long until one is there. */
    public Uni<Decision> take(String key) {
        return redis.execute("EVAL", script, "1", KEY_PREFIX + key, capacity, tokensPerMilli)
                .map(TokenBucket::decision);
    }

    private static Decision decision(Response reply) {
        boolean allowed = reply.get(0).toInteger() == 1;
        return new Decision(allowed, Duration.ofMillis(reply.get(1).toLong()));
    }

    private static String load(String resource) {
        try (InputStream in = TokenBucket.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the gateway's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the request may go on; if not, how long until it may. */
    public record Decision(boolean allowed, Duration retryAfter) {
    }
}
