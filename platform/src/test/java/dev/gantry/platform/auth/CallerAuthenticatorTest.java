package dev.gantry.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerAuthenticatorTest {

    private static final KeyPair GATEWAY = InternalKeys.generate();
    private static final String WORKER_TOKEN = "worker-token-of-this-test";
    private static final Caller.User ALICE = new Caller.User("alice", Set.of());

    private final CallerAuthenticator authenticator = new CallerAuthenticator(
            new UserTokenVerifier(Optional.of(GATEWAY.getPublic())),
            new ServiceTokenVerifier(List.of("agent-worker:" + ServiceTokenVerifier.digestOf(WORKER_TOKEN))));

    @Test
    void acceptsATokenTheGatewayJustSignedAndReadsItsUserAndRoles() {
        UserTokenIssuer issuer = new UserTokenIssuer(Optional.of(GATEWAY.getPrivate()), Duration.ofSeconds(60),
                Clock.systemUTC());
        String authorization = issuer.authorization(new Caller.User("root", Set.of("admin")));

        Caller caller = authenticator.authenticate(authorization, null);

        assertThat(caller).isEqualTo(new Caller.User("root", Set.of("admin")));
        assertThat(((Caller.User) caller).admin()).isTrue();
    }

    @Test
    void reusesAUsersTokenForHalfItsLifeThenSignsAnother() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        UserTokenIssuer issuer = new UserTokenIssuer(Optional.of(GATEWAY.getPrivate()), Duration.ofSeconds(60), clock);
        String first = issuer.issue(ALICE);

        clock.now = clock.now.plusSeconds(29);
        assertThat(issuer.issue(ALICE)).isEqualTo(first);
        assertThat(issuer.issue(new Caller.User("alice", Set.of("admin")))).as("other roles, other token")
                .isNotEqualTo(first);
        clock.now = clock.now.plusSeconds(1);
        assertThat(issuer.issue(ALICE)).isNotEqualTo(first);
    }

    @Test
    void refusesARequestWithoutCredentialAsUnauthenticated() {
        assertRejected(null, null, 401, "a credential is required");
        assertRejected(" ", "", 401, "a credential is required");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String forged = UserTokenFormat.sign(InternalKeys.generate().getPrivate(), ALICE, Instant.now(),
                Instant.now().plusSeconds(60), UserTokenFormat.AUDIENCE);
        assertRejected("Bearer " + forged, null, 401, "not valid");
    }

    @Test
    void refusesAnExpiredToken() {
        Clock twoMinutesAgo = Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC);
        String expired = new UserTokenIssuer(Optional.of(GATEWAY.getPrivate()), Duration.ofSeconds(60), twoMinutesAgo)
                .issue(ALICE);
        assertRejected("Bearer " + expired, null, 401, "expired");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        String token = UserTokenFormat.sign(GATEWAY.getPrivate(), ALICE, Instant.now(), Instant.now().plusSeconds(60),
                "gantry-api");
        assertRejected("Bearer " + token, null, 401, "not valid");
    }

    @Test
    void refusesATokenValidForLongerThanFiveMinutesEvenWhenWellSigned() {
        String token = UserTokenFormat.sign(GATEWAY.getPrivate(), ALICE, Instant.now(), Instant.now().plusSeconds(3600),
                UserTokenFormat.AUDIENCE);
        assertRejected("Bearer " + token, null, 401, "not valid");
    }

    @Test
    void refusesAnUnsignedToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + b64.encodeToString(("{\"iss\":\"gantry-gateway\",\"aud\":\"gantry-internal\",\"sub\":\"root\","
                        + "\"groups\":[\"admin\"],\"jti\":\"x\",\"exp\":" + (Instant.now().getEpochSecond() + 60) + "}")
                        .getBytes()) + ".";
        assertRejected("Bearer " + unsigned, null, 401, "not valid");
    }

    @Test
    void refusesAnAuthorizationThatIsNotBearer() {
        assertRejected("Basic cm9vdDpyb290", null, 401, "not a Bearer token");
    }

    @Test
    void knowsAServiceByItsTokenAndRefusesAnUnknownOne() {
        assertThat(authenticator.authenticate(null, WORKER_TOKEN)).isEqualTo(new Caller.Service("agent-worker"));
        assertRejected(null, "guessed", 401, "X-Gantry-Service-Token is not valid");
    }

    @Test
    void refusesTwoCredentialsAtOnce() {
        assertRejected("Bearer x.y.z", WORKER_TOKEN, 401, "one credential");
    }

    @Test
    void admitsOnlyTheCallersARouteDeclares() {
        CalledBy workerOnly = calledBy(false, "agent-worker");
        CallerAuthenticator.authorize(new Caller.Service("agent-worker"), workerOnly);

        assertThatThrownBy(() -> CallerAuthenticator.authorize(new Caller.Service("integrations-service"), workerOnly))
                .isInstanceOfSatisfying(CallerRejectedException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> CallerAuthenticator.authorize(ALICE, workerOnly))
                .isInstanceOfSatisfying(CallerRejectedException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> CallerAuthenticator.authorize(ALICE, null))
                .as("a route that declares no callers is closed")
                .isInstanceOf(CallerRejectedException.class);
        CallerAuthenticator.authorize(ALICE, calledBy(true));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private void assertRejected(String authorization, String serviceToken, int status, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(authorization, serviceToken))
                .isInstanceOfSatisfying(CallerRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    private static CalledBy calledBy(boolean users, String... services) {
        return new CalledBy() {
            @Override
            public boolean users() {
                return users;
            }

            @Override
            public String[] services() {
                return services;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CalledBy.class;
            }
        };
    }
}
