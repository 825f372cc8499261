package dev.gantry.gateway.ratelimit;

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

    RateLimitFilter(RateLimits limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter
    Uni<Response> limit(HttpServerRequest request) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> identity == null || identity.isAnonymous() ? limits.takeForAddress(request)
                        : limits.takeForUser(userOf(identity)))
                .map(wait -> wait.map(seconds -> RateLimits.tooMany(seconds, request.path())).orElse(null));
    }

    /** The token's subject, the same user id the internal services are given. */
    private static String userOf(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
    }
}
