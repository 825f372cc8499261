package dev.gantry.contracts;

/**
 * HTTP headers of Gantry's own wire. Who calls a service is proved with the platform module's credentials
 * (docs/INTERNAL-API.md, "Caller identity"), never told by a header such as {@code X-Gantry-User}.
 */
public final class GantryHeaders {

    /** The key a sandbox runtime wants on every route but {@code /alive}. */
    public static final String SESSION_API_KEY = "X-Session-API-Key";

    /**
     * The id of the action (its {@code ActionEvent}'s id) a tool call carries out: a sandbox runtime runs an
     * action once and answers a repeat of it (a worker that took the conversation over) with the first answer.
     */
    public static final String ACTION_ID = "X-Gantry-Action-Id";

    private GantryHeaders() {
    }
}
