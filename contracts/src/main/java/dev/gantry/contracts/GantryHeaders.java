package dev.gantry.contracts;

/**
 * HTTP headers of Gantry's own wire. Who calls a service is proved with the platform module's credentials
 * (docs/INTERNAL-API.md, "Caller identity"), never told by a header such as {@code X-Gantry-User}.
 */
public final class GantryHeaders {

    /** The key a sandbox runtime wants on every route but {@code /alive}. */
    public static final String SESSION_API_KEY = "X-Session-API-Key";

    private GantryHeaders() {
    }
}
