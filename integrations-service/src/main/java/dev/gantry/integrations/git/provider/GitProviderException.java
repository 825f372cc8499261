package dev.gantry.integrations.git.provider;

/**
 * A git provider's refusal or failure, in terms a user can act on. Its message never holds a token: it is
 * built from the provider's name, its status and the reason it gave.
 */
public final class GitProviderException extends RuntimeException {

    /** What went wrong, which decides the answer the user gets. */
    public enum Kind {
        /** The provider refused the token (401, or 403 without a rate limit). */
        TOKEN_REJECTED,
        /** The repository or resource does not exist, or the token may not see it. */
        NOT_FOUND,
        /** The provider refused the request's content (a validation failure: e.g. a branch that was not pushed). */
        REFUSED,
        /** The provider did not answer usefully after every try: rate limited, down, unreachable. */
        UNAVAILABLE
    }

    private final Kind kind;

    public GitProviderException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
