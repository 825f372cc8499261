package dev.gantry.platform.auth;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Checks a user token: signed (RS256 only) by the gateway's internal key, from {@value UserTokenFormat#ISSUER}
 * for {@value UserTokenFormat#AUDIENCE}, not expired, and not valid for longer than
 * {@value #MAX_VALIDITY_MINUTES} minutes, so even a token minted with a stolen key is short-lived. Several public
 * keys may be configured (PEM blocks one after the other): a token verified by any of them is valid, so the
 * gateway's key pair is rotated with no refused call (docs/INTERNAL-API.md, "Rotation").
 */
@ApplicationScoped
public class UserTokenVerifier {

    static final int MAX_VALIDITY_MINUTES = 5;
    private static final int CLOCK_SKEW_SECONDS = 10;

    private final List<JwtConsumer> consumers;

    @Inject
    UserTokenVerifier(InternalAuthConfig config) {
        this(config.userToken().publicKey().map(InternalKeys::publicKeys).orElse(List.of()));
        if (consumers.isEmpty()) {
            Log.warn("gantry.auth.user-token.public-key is not set: every call made for a user is refused");
        }
    }

    public UserTokenVerifier(Optional<PublicKey> key) {
        this(key.map(List::of).orElse(List.of()));
    }

    /** Accepts a token signed with any of {@code keys} (while one pair replaces another). */
    public UserTokenVerifier(List<PublicKey> keys) {
        this.consumers = keys.stream().map(UserTokenVerifier::consumerFor).toList();
    }

    /** The user the token names; a 401 rejection when it is not a valid user token. */
    public Caller.User verify(String token) {
        if (consumers.isEmpty()) {
            throw CallerRejectedException.unauthenticated(
                    "this service verifies no user tokens (gantry.auth.user-token.public-key is not set)");
        }
        try {
            JwtClaims claims = claimsOf(token);
            List<String> groups = claims.hasClaim(UserTokenFormat.GROUPS)
                    ? claims.getStringListClaimValue(UserTokenFormat.GROUPS) : List.of();
            return new Caller.User(claims.getSubject(), new HashSet<>(groups));
        } catch (InvalidJwtException e) {
            throw CallerRejectedException.unauthenticated(e.hasErrorCode(ErrorCodes.EXPIRED)
                    ? "the user token has expired"
                    : "the user token is not valid (signature, issuer, audience, expiry or claims)");
        } catch (MalformedClaimException | IllegalArgumentException e) {
            throw CallerRejectedException.unauthenticated("the user token's claims are malformed");
        }
    }

    /** The claims as the first key that verifies the signature reads them; the first key's failure otherwise. */
    private JwtClaims claimsOf(String token) throws InvalidJwtException {
        InvalidJwtException first = null;
        for (JwtConsumer consumer : consumers) {
            try {
                return consumer.processToClaims(token);
            } catch (InvalidJwtException e) {
                if (!e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                    throw e;
                }
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    private static JwtConsumer consumerFor(PublicKey key) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(MAX_VALIDITY_MINUTES)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(UserTokenFormat.ISSUER)
                .setExpectedAudience(UserTokenFormat.AUDIENCE)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, UserTokenFormat.ALGORITHM)
                .build();
    }
}
