package dev.gantry.platform.auth;

/** The headers that carry an internal caller's credential. */
public final class InternalHeaders {

    /** A user's internal token, as {@code Authorization: Bearer <token>}. */
    public static final String AUTHORIZATION = "Authorization";
    public static final String BEARER_PREFIX = "Bearer ";
    /** A platform service's own token. */
    public static final String SERVICE_TOKEN = "X-Gantry-Service-Token";

    private InternalHeaders() {
    }

    public static String bearer(String token) {
        return BEARER_PREFIX + token;
    }
}
