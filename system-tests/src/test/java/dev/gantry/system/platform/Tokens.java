package dev.gantry.system.platform;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

/**
 * Bearer tokens for test users, signed like the local user's token: with the embedded key pair
 * the gateway made in its data directory, for its default issuer and audience.
 */
public final class Tokens {

    private static final String ISSUER = "https://gantry.local";
    private static final String AUDIENCE = "gantry";

    private final PrivateKey key;

    public Tokens(Path gantryHome) {
        this.key = readKey(gantryHome.resolve("keys/jwt-private.pem"));
    }

    public String forUser(String userId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId).upn(userId).groups("user")
                .expiresIn(Duration.ofHours(1)).sign(key);
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the gateway's signing key " + pem + ": " + e.getMessage(), e);
        }
    }
}
