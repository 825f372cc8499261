package dev.gantry.platform.auth;

import java.util.Objects;
import java.util.Set;

/** Who an internal request comes from, as its verified credential says. */
public sealed interface Caller permits Caller.User, Caller.Service {

    /** A user the gateway authenticated and vouched for with a signed token. */
    record User(String id, Set<String> roles) implements Caller {

        public static final String ADMIN_ROLE = "admin";

        public User {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a user has an id");
            }
            roles = Set.copyOf(Objects.requireNonNullElse(roles, Set.of()));
        }

        /** May list across users. */
        public boolean admin() {
            return roles.contains(ADMIN_ROLE);
        }
    }

    /** A platform service that presented its own token ({@link ServiceNames}). */
    record Service(String name) implements Caller {

        public Service {
            Objects.requireNonNull(name, "name");
        }
    }
}
