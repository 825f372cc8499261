package dev.gantry.gateway.client;

import dev.gantry.gateway.mapping.RequestProblemException;
import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The fault tolerance of every internal call, built once as {@link Guard}s ({@link Guards}) that the clients
 * apply by name. Configuration overrides them without a rebuild, for one guard
 * ({@code smallrye.faulttolerance."conversation-service".timeout.value}) or all
 * ({@code Timeout/value}, {@code Retry/delay}, ...), which is how tests shorten them.
 */
final class CallPolicy {

    /** A user is waiting: an internal call that takes longer is treated as an outage. */
    static final long TIMEOUT_MILLIS = 5_000;
    /** A call the integrations-service answers from a git provider, which it tries again with backoff when rate limited. */
    static final long GIT_PROVIDER_TIMEOUT_MILLIS = 30_000;
    /**
     * Only idempotent reads, puts and creates with an Idempotency-Key are retried, twice, after a short pause, and
     * only when the service could not be reached or dropped the connection (a restart, a replica going away): a call
     * that timed out is not. The service is still working on it, and trying again makes a busy service three times
     * as busy; the client, told so by the 503's Retry-After, tries again itself. In the load run of 100 users, the
     * retries of timed-out settings updates kept conversation-service behind for the first three minutes.
     */
    static final int MAX_RETRIES = 2;
    static final long RETRY_DELAY_MILLIS = 200;
    static final long RETRY_JITTER_MILLIS = 100;
    /**
     * Opens when half of the last 20 calls failed; tries again after 10 s. A failure is a service that cannot be
     * reached or answers 502/503/504, never a timeout: a service that answers late is busy, not down, and the
     * breaker would turn the slowness one user's burst causes into 10 s of refusals for every user (seen in the load
     * run: 139 timeouts became 19,660 refused calls). A request that times out still fails, after its retries. A
     * service that hangs fails its readiness probe and leaves its Service's endpoints, and the connections refused
     * then open the breaker.
     */
    static final int BREAKER_VOLUME = 20;
    static final double BREAKER_FAILURE_RATIO = 0.5;
    static final long BREAKER_DELAY_MILLIS = 10_000;
    static final int BREAKER_SUCCESSES_TO_CLOSE = 2;
    /**
     * The {@code Retry-After} of a 503 for a service that timed out or could not be reached (an open circuit says its
     * own delay). Clients that retried at once made the load run's overload worse: 100 stream clients reconnecting
     * every half second sent 1,522 head checks past the event-store's capacity.
     */
    static final long RETRY_AFTER_UNAVAILABLE_SECONDS = 2;

    /**
     * Neither tried again nor counted by a breaker: an answer that is not an outage (a 4xx, a 500 for this one
     * request), and a timeout (see {@link #MAX_RETRIES} and {@link #BREAKER_VOLUME}).
     */
    private static final List<Class<? extends Throwable>> NOT_AN_OUTAGE =
            List.of(RequestProblemException.class, TimeoutException.class);

    /**
     * The guard of calls that are not tried again: a timeout, and a circuit breaker of their own, named
     * {@code breaker} (a named breaker is one {@link io.smallrye.faulttolerance.api.CircuitBreakerMaintenance} knows).
     */
    static Guard once(String breaker, long timeoutMillis) {
        return builder(breaker, timeoutMillis).build();
    }

    /** The guard of idempotent calls: as {@link #once}, and tried again when the service could not be reached. */
    static Guard idempotent(String breaker, long timeoutMillis) {
        return builder(breaker, timeoutMillis)
                .withRetry().maxRetries(MAX_RETRIES).delay(RETRY_DELAY_MILLIS, ChronoUnit.MILLIS)
                .jitter(RETRY_JITTER_MILLIS, ChronoUnit.MILLIS).abortOn(NOT_AN_OUTAGE).done()
                .build();
    }

    private static Guard.Builder builder(String breaker, long timeoutMillis) {
        return Guard.create().withDescription(breaker)
                .withTimeout().duration(timeoutMillis, ChronoUnit.MILLIS).done()
                .withCircuitBreaker().name(breaker).requestVolumeThreshold(BREAKER_VOLUME)
                .failureRatio(BREAKER_FAILURE_RATIO).delay(BREAKER_DELAY_MILLIS, ChronoUnit.MILLIS)
                .successThreshold(BREAKER_SUCCESSES_TO_CLOSE).skipOn(NOT_AN_OUTAGE).done();
    }

    private CallPolicy() {
    }
}
