package dev.gantry.platform.auth;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * What a user token says: an RS256 JWT from {@value #ISSUER} for {@value #AUDIENCE}, naming the user
 * ({@code sub}) and their roles ({@code groups}), with an id ({@code jti}) and a short expiry. Written
 * once, for the gateway's issuer and the tests that forge bad ones.
 */
public final class UserTokenFormat {

    public static final String ISSUER = "gantry-gateway";
    public static final String AUDIENCE = "gantry-internal";
    public static final String ALGORITHM = AlgorithmIdentifiers.RSA_USING_SHA256;
    static final String GROUPS = "groups";

    private UserTokenFormat() {
    }

    /** The signed token; {@code audience} is {@link #AUDIENCE} but in tests of a wrong one. */
    public static String sign(PrivateKey key, Caller.User user, Instant issuedAt, Instant expiresAt, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(audience);
        claims.setSubject(user.id());
        claims.setStringListClaim(GROUPS, List.copyOf(user.roles()));
        claims.setIssuedAt(NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(ALGORITHM);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an internal user token: " + e.getMessage(), e);
        }
    }
}
