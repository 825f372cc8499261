package dev.gantry.gateway.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Tokens for tests: valid ones signed with the test data directory's key pair, and forged ones. */
public final class TestTokens {

    public static final String ISSUER = "https://gantry.local";
    public static final String AUDIENCE = "gantry";

    private TestTokens() {
    }

    /** A fresh user id, so rate-limit buckets and stubs of one test do not meet another's. */
    public static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    public static String forUser(String userId) {
        return claims(userId, Set.of("user")).sign(GatewayTestResource.keys().privateKey());
    }

    public static String forAdmin(String userId) {
        return claims(userId, Set.of("user", "admin")).sign(GatewayTestResource.keys().privateKey());
    }

    public static String withIssuer(String userId, String issuer) {
        return Jwt.issuer(issuer).audience(AUDIENCE).subject(userId).expiresIn(Duration.ofMinutes(5))
                .sign(GatewayTestResource.keys().privateKey());
    }

    public static String withAudience(String userId, String audience) {
        return Jwt.issuer(ISSUER).audience(audience).subject(userId).expiresIn(Duration.ofMinutes(5))
                .sign(GatewayTestResource.keys().privateKey());
    }

    public static String expired(String userId) {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId)
                .issuedAt(anHourAgo.minus(Duration.ofMinutes(10))).expiresAt(anHourAgo)
                .sign(GatewayTestResource.keys().privateKey());
    }

    /** Right claims, signed by a key the gateway does not know. */
    public static String signedByAnotherKey(String userId) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return claims(userId, Set.of("user")).sign(generator.generateKeyPair().getPrivate());
    }

    /** Right claims, no signature at all ({@code alg: none}). */
    public static String unsigned(String userId) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payload(userId)) + ".";
    }

    /** The key-confusion attack: HS256 with the gateway's public key (its PEM bytes) as the HMAC secret. */
    public static String hs256WithPublicKey(String userId) throws Exception {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(payload(userId));
        byte[] secret = Files.readAllBytes(GatewayTestResource.keys().publicKeyFile());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static JwtClaimsBuilder claims(String userId, Set<String> roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId).groups(roles)
                .expiresIn(Duration.ofMinutes(5));
    }

    private static String payload(String userId) {
        long now = Instant.now().getEpochSecond();
        return """
                {"iss":"%s","aud":"%s","sub":"%s","groups":["user"],"iat":%d,"exp":%d}"""
                .formatted(ISSUER, AUDIENCE, userId, now, now + Duration.ofMinutes(5).toSeconds());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
