package dev.gantry.platform.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's side: a short-lived token for each user it calls the services for, so a service believes a
 * user id only when the gateway signed it a moment ago. RS256 because every internal request verifies one
 * (an RSA verification is several times cheaper than an ES256 one) while signing, the slow half, is
 * shared: a user's token is reused for the first half of its life, so it reaches a service with at least
 * half of it left.
 */
@ApplicationScoped
public class UserTokenIssuer {

    /** Above this many cached users, expired entries are dropped before another is added. */
    private static final int CACHE_SWEEP_SIZE = 10_000;

    private final Optional<PrivateKey> key;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<Caller.User, Issued> issued = new ConcurrentHashMap<>();

    @Inject
    UserTokenIssuer(InternalAuthConfig config) {
        this(config.userToken().privateKey().map(InternalKeys::privateKey), config.userToken().lifetime(),
                Clock.systemUTC());
    }

    public UserTokenIssuer(Optional<PrivateKey> key, Duration lifetime, Clock clock) {
        this.key = key;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The {@code Authorization} header value that carries the user to a service. */
    public String authorization(Caller.User user) {
        return InternalHeaders.bearer(issue(user));
    }

    public String issue(Caller.User user) {
        Instant now = clock.instant();
        Issued current = issued.get(user);
        if (current != null && now.isBefore(current.reuseUntil())) {
            return current.token();
        }
        if (issued.size() >= CACHE_SWEEP_SIZE) {
            issued.values().removeIf(entry -> !now.isBefore(entry.reuseUntil()));
        }
        Issued fresh = sign(user, now);
        issued.put(user, fresh);
        return fresh.token();
    }

    private Issued sign(Caller.User user, Instant now) {
        PrivateKey signingKey = key.orElseThrow(() -> new IllegalStateException(
                "gantry.auth.user-token.private-key is not set: the gateway cannot call the services for a user"));
        String token = UserTokenFormat.sign(signingKey, user, now, now.plus(lifetime), UserTokenFormat.AUDIENCE);
        return new Issued(token, now.plus(lifetime.dividedBy(2)));
    }

    private record Issued(String token, Instant reuseUntil) {
    }
}
