package dev.gantry.testing.auth;

import dev.gantry.platform.auth.Caller;
import dev.gantry.platform.auth.InternalHeaders;
import dev.gantry.platform.auth.InternalKeys;
import dev.gantry.platform.auth.UserTokenFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Credentials of internal calls for the services' tests, matching the {@code %test.gantry.auth.*} settings of
 * their application.properties: the gateway's test key pair (for tests only, never configured outside the
 * test profile) and each calling service's test token. Also the bad credentials every service must refuse.
 */
public final class TestCallers {

    /** {@code %test.gantry.auth.user-token.public-key} of the services. */
    public static final String PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAm90i+tlqDB8y11sUYhnNoXLzdl62goqFelifyPBUtBSQkd71ulC0flmac6xSAC694C9ib/ffw9UQ1AlaFLXe7gRUz6NyVUUSHOZWDBy15u8GnsJMejzOnD8Ijn4/BTyn5XrWWKH49H8Ll9U14wsSQ3slpAjhteXw7eRExGoOg91Nl8dLG1W3H3bC1Cks7wa6H6Dq54e6I30LDjU7OYIWm7CwoMpuKsNiXjSFkBBkaH4kLxspwwPLz3X1vyE4mBHtNubecbhs2g0p7vDZmJtZKIsPaA+GyOhfjo2HyCxDqRQsGquBCpeQK+LhwAweeHimFS2AVnDtlesanB1C0eMgbwIDAQAB";
    public static final String AGENT_WORKER_TOKEN = "test-agent-worker-token";
    public static final String INTEGRATIONS_SERVICE_TOKEN = "test-integrations-service-token";
    public static final String GATEWAY_TOKEN = "test-gateway-token";
    private static final PrivateKey GATEWAY_KEY = InternalKeys.privateKey(resource("internal-test-key.pem"));
    private static final long LIFETIME_SECONDS = 60;

    private TestCallers() {
    }

    /** The {@code Authorization} value the gateway would send for this user. */
    public static String authorization(String userId, String... roles) {
        Instant now = Instant.now();
        return bearer(GATEWAY_KEY, userId, roles, now, now.plusSeconds(LIFETIME_SECONDS), UserTokenFormat.AUDIENCE);
    }

    /** The test private key (PKCS#8 PEM), for a gateway under test. */
    public static String privateKeyPem() {
        return resource("internal-test-key.pem");
    }

    /** A request header. */
    public record Header(String name, String value) {
    }

    /** One way of calling without a valid credential, and the headers that do it. */
    public record BadCredential(String name, List<Header> headers) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** What an attacker inside the network tries: each must get 401, whatever the route. */
    public static List<BadCredential> badCredentials(String userId) {
        Instant now = Instant.now();
        PrivateKey otherKey = InternalKeys.generate().getPrivate();
        return List.of(
                new BadCredential("no credential", List.of()),
                new BadCredential("only X-Gantry-User and X-Gantry-Roles", List.of(
                        new Header("X-Gantry-User", userId), new Header("X-Gantry-Roles", "admin"))),
                new BadCredential("a token signed with another key", List.of(new Header(InternalHeaders.AUTHORIZATION,
                        bearer(otherKey, userId, new String[0], now, now.plusSeconds(LIFETIME_SECONDS),
                                UserTokenFormat.AUDIENCE)))),
                new BadCredential("an expired token", List.of(new Header(InternalHeaders.AUTHORIZATION,
                        bearer(GATEWAY_KEY, userId, new String[0], now.minusSeconds(200), now.minusSeconds(100),
                                UserTokenFormat.AUDIENCE)))),
                new BadCredential("a token for another audience", List.of(new Header(InternalHeaders.AUTHORIZATION,
                        bearer(GATEWAY_KEY, userId, new String[0], now, now.plusSeconds(LIFETIME_SECONDS),
                                "gantry-api")))),
                new BadCredential("an unknown service token", List.of(
                        new Header(InternalHeaders.SERVICE_TOKEN, "guessed-service-token"))));
    }

    private static String bearer(PrivateKey key, String userId, String[] roles, Instant issuedAt, Instant expiresAt,
            String audience) {
        return InternalHeaders.bearer(UserTokenFormat.sign(key, new Caller.User(userId, Set.of(roles)), issuedAt,
                expiresAt, audience));
    }

    private static String resource(String name) {
        try (InputStream in = TestCallers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
