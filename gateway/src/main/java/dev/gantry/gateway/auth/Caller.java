package dev.gantry.gateway.auth;

import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated user of one request, taken from the verified token only (never from the request
 * body, path or headers), and passed downstream as {@code X-Gantry-User}.
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

    /** The {@code X-Gantry-Roles} value for a listing across users, or null when not asked or not allowed. */
    public String rolesHeader(boolean allUsers) {
        return allUsers && admin ? ADMIN_ROLE : null;
    }
}
