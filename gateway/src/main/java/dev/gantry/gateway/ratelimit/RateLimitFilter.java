package dev.gantry.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits each user's request rate ({@link RateLimits}: 429 with Retry-After once spent). A request without a
 * user (the inbound webhooks) is limited by its client address; one refused as unauthenticated never gets
 * here and is counted where it is refused.
 */
class RateLimitFilter {

    private final RateLimits limits;
    private final CurrentIdentityAssociation identities;
    private final Counter limitedUsers;
    private final Counter limitedAddresses;

    RateLimitFilter(RateLimits limits, CurrentIdentityAssociation identities, MeterRegistry meters) {
        this.limits = limits;
        this.identities = identities;
        this.limitedUsers = limitedCounter(meters, "user");
        this.limitedAddresses = limitedCounter(meters, "address");
    }

    @ServerRequestFilter
    Uni<Response> limit(HttpServerRequest request) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> identity == null || identity.isAnonymous()
                        ? limits.takeForAddress(request).invoke(wait -> wait.ifPresent(s -> limitedAddresses.increment()))
                        : limits.takeForUser(userOf(identity)).invoke(wait -> wait.ifPresent(s -> limitedUsers.increment())))
                .map(wait -> wait.map(seconds -> RateLimits.tooMany(seconds, request.path())).orElse(null));
    }

    private static Counter limitedCounter(MeterRegistry meters, String by) {
        return Counter.builder("gantry.gateway.rate.limited")
                .description("Requests refused with 429 because their user's (or address's) rate was spent")
                .tag("by", by)
                .register(meters);
    }

    /** The token's subject, the same user id the internal services are given. */
    private static String userOf(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
    }
}
