package dev.gantry.gateway.ratelimit;

import dev.gantry.gateway.config.GatewayConfig;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.rest.ProblemResponses;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The request-rate limits (a token bucket each, in Redis): one per user, and one per client address for
 * whatever comes without a valid credential (webhooks, and every request or WebSocket open the gateway
 * refused as unauthenticated, so guessing tokens is limited too). If Redis does not answer in time, the key is
 * checked against a bucket in this replica's memory instead ({@link LocalTokenBuckets}): the limits hold through an
 * outage of Redis, each replica granting up to the full rate, and an unready gateway is taken out of service by its
 * readiness check. The switch and the way back are logged once each, not at every request.
 */
@ApplicationScoped
public class RateLimits {

    private static final String USER_KEY = "user:";
    private static final String ADDRESS_KEY = "address:";
    private static final long MILLIS_PER_SECOND = 1_000;

    private final TokenBucket buckets;
    private final LocalTokenBuckets local;
    private final Duration redisTimeout;
    private final AtomicBoolean redisFailing = new AtomicBoolean();

    RateLimits(TokenBucket buckets, LocalTokenBuckets local, GatewayConfig config) {
        this.buckets = buckets;
        this.local = local;
        this.redisTimeout = config.rateLimit().redisTimeout();
    }

    /** Spends one of the user's requests; the seconds to wait when none is left. */
    public Uni<Optional<Long>> takeForUser(String userId) {
        return take(USER_KEY + userId);
    }

    /** Spends one request of the client's address; the seconds to wait when none is left. */
    public Uni<Optional<Long>> takeForAddress(HttpServerRequest request) {
        return take(ADDRESS_KEY + request.remoteAddress().hostAddress());
    }

    /** The same for a WebSocket handshake, whose remote address comes as {@code host:port}. */
    public Uni<Optional<Long>> takeForAddress(String remoteAddress) {
        return take(ADDRESS_KEY + hostOf(remoteAddress));
    }

    static String hostOf(String remoteAddress) {
        if (remoteAddress == null) {
            return "unknown";
        }
        if (remoteAddress.startsWith("[")) {
            int end = remoteAddress.indexOf(']');
            return end > 0 ? remoteAddress.substring(1, end) : remoteAddress;
        }
        int colon = remoteAddress.lastIndexOf(':');
        return colon > 0 && remoteAddress.indexOf(':') == colon ? remoteAddress.substring(0, colon) : remoteAddress;
    }

    /** The 429 problem with its Retry-After. */
    public static Response tooMany(long seconds, String path) {
        return ProblemResponses.of(Problems.rateLimited(seconds), path, seconds);
    }

    private Uni<Optional<Long>> take(String key) {
        return buckets.take(key)
                .ifNoItem().after(redisTimeout).fail()
                .invoke(this::redisAnswers)
                .onFailure().recoverWithItem(failure -> {
                    if (redisFailing.compareAndSet(false, true)) {
                        Log.warnf("gateway: Redis failed a rate-limit check (%s); limits are checked in this"
                                + " replica's memory until it answers again", failure.toString());
                    }
                    return local.take(key);
                })
                .map(RateLimits::secondsToWait);
    }

    private void redisAnswers() {
        if (redisFailing.compareAndSet(true, false)) {
            Log.infof("gateway: Redis answers rate-limit checks again");
        }
    }

    private static Optional<Long> secondsToWait(TokenBucket.Decision decision) {
        return decision.allowed() ? Optional.empty() : Optional.of(Math.max(1,
                (decision.retryAfter().toMillis() + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND));
    }
}
