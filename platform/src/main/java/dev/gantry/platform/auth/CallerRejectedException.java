package dev.gantry.platform.auth;

/**
 * A request whose credential is missing or not valid ({@code 401}), or whose caller may not use the route
 * ({@code 403}). The message is safe to answer: it never holds a credential.
 */
public class CallerRejectedException extends RuntimeException {

    private final boolean authenticated;

    private CallerRejectedException(String message, boolean authenticated) {
        super(message, null, false, false);
        this.authenticated = authenticated;
    }

    public static CallerRejectedException unauthenticated(String message) {
        return new CallerRejectedException(message, false);
    }

    public static CallerRejectedException forbidden(String message) {
        return new CallerRejectedException(message, true);
    }

    /** 401 when the caller is not known, 403 when it is known but not allowed. */
    public int status() {
        return authenticated ? 403 : 401;
    }
}
