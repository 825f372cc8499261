package dev.gantry.gateway.auth;

import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated user of one request, taken from the verified token only (never from the request
 * body, path or headers), and vouched for downstream by the internal token the gateway signs for
 * {@link #user()}.
 *
 * @param admin whether the token grants the {@value #ADMIN_ROLE} role, which may list across users
 */
public record Caller(String userId, boolean admin) {

    public static final String ADMIN_ROLE = "admin";

    /** The caller a verified token names, or empty when it names no subject. */
    public static Optional<Caller> of(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(subject, token.getGroups().contains(ADMIN_ROLE)));
    }

    /** This user as the platform's services know them: the id, and the admin role when the token grants it. */
    public dev.gantry.platform.auth.Caller.User user() {
        return new dev.gantry.platform.auth.Caller.User(userId,
                admin ? Set.of(dev.gantry.platform.auth.Caller.User.ADMIN_ROLE) : Set.of());
    }
}
