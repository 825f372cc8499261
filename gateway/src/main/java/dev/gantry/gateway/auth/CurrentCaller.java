package dev.gantry.gateway.auth;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the request being served, read from its verified token. */
@ApplicationScoped
public class CurrentCaller {

    @Inject
    JsonWebToken token;

    public Caller get() {
        return Caller.of(token).orElseThrow(() -> new AuthenticationFailedException("the token names no subject"));
    }
}
