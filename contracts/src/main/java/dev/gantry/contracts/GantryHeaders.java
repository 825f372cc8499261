package dev.gantry.contracts;

/** The HTTP headers by which Gantry's services tell each other who calls (docs/INTERNAL-API.md). */
public final class GantryHeaders {

    /** The user the gateway authenticated; required on every user-scoped internal route. */
    public static final String USER = "X-Gantry-User";
    /** Comma-separated roles of that user; {@link #ADMIN_ROLE} may list across users. */
    public static final String ROLES = "X-Gantry-Roles";
    public static final String ADMIN_ROLE = "admin";
    /** The shared token of service-to-service routes. */
    public static final String INTERNAL_TOKEN = "X-Gantry-Internal-Token";
    /** The key a sandbox runtime wants on every route but {@code /alive}. */
    public static final String SESSION_API_KEY = "X-Session-API-Key";

    private GantryHeaders() {
    }
}
