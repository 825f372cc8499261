package dev.gantry.gateway.auth;

import dev.gantry.platform.logging.LogContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A request's log lines name its user (the token's subject) and the conversation or sandbox its path names. */
class RequestLogContext {

    private final CurrentIdentityAssociation identities;

    RequestLogContext(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    Uni<Void> tag(HttpServerRequest request) {
        LogContext.aboutPath(request.path());
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .invoke(identity -> {
                    if (identity != null && !identity.isAnonymous()
                            && identity.getPrincipal() instanceof JsonWebToken token) {
                        LogContext.user(token.getSubject());
                    }
                })
                .replaceWithVoid();
    }
}
