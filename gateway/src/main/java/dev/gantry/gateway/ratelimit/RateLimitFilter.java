package dev.gantry.gateway.ratelimit;

import dev.gantry.gateway.config.GatewayConfig;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.rest.ProblemResponses;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits each user's request rate with a token bucket (429 with Retry-After once spent). A request
 * without a user (the inbound webhooks) is limited by its client address. If Redis does not answer,
 * the request goes on: the limit protects the platform, and an unready gateway is taken out of
 * service by its readiness check anyway.
 */
class RateLimitFilter {

    private static final String USER_KEY = "user:";
    private static final String ADDRESS_KEY = "address:";
    private static final long MILLIS_PER_SECOND = 1_000;

    private final TokenBucket buckets;
    private final CurrentIdentityAssociation identities;
    private final Duration redisTimeout;

    RateLimitFilter(TokenBucket buckets, CurrentIdentityAssociation identities, GatewayConfig config) {
        this.buckets = buckets;
        this.identities = identities;
        this.redisTimeout = config.rateLimit().redisTimeout();
    }

    @ServerRequestFilter
    Uni<Response> limit(HttpServerRequest request) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> keyOf(identity, request))
                .chain(key -> buckets.take(key)
                        .ifNoItem().after(redisTimeout).fail()
                        .map(decision -> decision.allowed() ? null : tooMany(decision, request))
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("gateway: rate limit not checked, Redis failed: %s", failure.toString());
                            return null;
                        }));
    }

    private static String keyOf(SecurityIdentity identity, HttpServerRequest request) {
        if (identity == null || identity.isAnonymous()) {
            return ADDRESS_KEY + request.remoteAddress().hostAddress();
        }
        // the token's subject, the same user id the internal services are given
        String user = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
        return USER_KEY + user;
    }

    private static Response tooMany(TokenBucket.Decision decision, HttpServerRequest request) {
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND);
        Response problem = ProblemResponses.of(Problems.rateLimited(seconds), request.path());
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }
}
