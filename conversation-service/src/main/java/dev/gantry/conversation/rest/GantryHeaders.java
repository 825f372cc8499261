package dev.gantry.conversation.rest;

/** The identity headers of docs/INTERNAL-API.md. */
public final class GantryHeaders {

    /** The user the gateway authenticated; required on every user-scoped route. */
    public static final String USER = "X-Gantry-User";
    /** Comma-separated roles of that user; {@link #ADMIN_ROLE} may list across users. */
    public static final String ROLES = "X-Gantry-Roles";
    public static final String ADMIN_ROLE = "admin";
    /** The shared token of service-to-service routes. */
    public static final String INTERNAL_TOKEN = "X-Gantry-Internal-Token";

    private GantryHeaders() {
    }
}
