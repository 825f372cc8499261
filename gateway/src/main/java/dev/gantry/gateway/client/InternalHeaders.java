package dev.gantry.gateway.client;

/** The caller identity headers of INTERNAL-API.md, set on every user-scoped internal call. */
public final class InternalHeaders {

    public static final String USER = "X-Gantry-User";
    public static final String ROLES = "X-Gantry-Roles";

    private InternalHeaders() {
    }
}
