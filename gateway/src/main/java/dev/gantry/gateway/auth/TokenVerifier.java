package dev.gantry.gateway.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token outside an HTTP request's security chain (a WebSocket handshake), with the
 * same SmallRye JWT settings (key, issuer, audience, expiry, RS256 only) as the REST routes.
 */
@ApplicationScoped
public class TokenVerifier {

    private final JWTParser parser;

    TokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    /** The caller the token names; fails with {@link InvalidTokenException} when it is missing or invalid. */
    public Uni<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().failure(new InvalidTokenException("no token", null));
        }
        // the first verification may read the key file or fetch the JWKS: off the event loop
        return Uni.createFrom().item(() -> Caller.of(parse(token))
                        .orElseThrow(() -> new InvalidTokenException("the token names no subject", null)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private JsonWebToken parse(String token) {
        try {
            return parser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not valid", e);
        }
    }

    /** The token is missing, malformed, wrongly signed, expired, or for another issuer or audience. */
    public static final class InvalidTokenException extends RuntimeException {

        InvalidTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
