package dev.gantry.platform.net;

/**
 * A user-named URL the platform will not call: its form, or an address its host resolves to. The message
 * is the reason, written to follow the URL's field name ("resolves to ..."); it never holds the URL itself,
 * which may carry credentials.
 */
public class RefusedUrlException extends RuntimeException {

    public RefusedUrlException(String reason) {
        super(reason);
    }
}
