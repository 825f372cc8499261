package dev.gantry.gateway.client;

import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.UserTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Vouches for the user of each call to a platform service: {@code Authorization: Bearer} with the short-lived
 * token the gateway signs ({@link UserTokenIssuer}) for the {@link Caller.User} the client method is given
 * (a {@code @NotBody} parameter). The one place a user's identity leaves the gateway, so no call can carry a
 * bare user id. A client method without a user fails here rather than call anonymously.
 */
@ApplicationScoped
public class UserCredentialFilter implements ClientRequestFilter {

    private final UserTokenIssuer issuer;

    UserCredentialFilter(UserTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(InternalHeaders.AUTHORIZATION, issuer.authorization(userOf(request)));
    }

    private static Caller.User userOf(ClientRequestContext request) {
        if (request.getProperty(RestClientRequestContext.INVOKED_METHOD_PARAMETERS_PROP) instanceof List<?> arguments) {
            for (Object argument : arguments) {
                if (argument instanceof Caller.User user) {
                    return user;
                }
            }
        }
        throw new IllegalStateException("a call to a platform service for a user names no user: "
                + request.getMethod() + " " + request.getUri().getPath());
    }
}
