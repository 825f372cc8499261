package dev.gantry.runtime.git;

/** Why cloning failed, in words for the user; never holds a token. */
public final class GitFailure extends RuntimeException {

    /** What the user can do about it decides the reason. */
    public enum Reason {
        AUTHENTICATION, NOT_FOUND, BRANCH_NOT_FOUND, NETWORK, TIMEOUT, WORKSPACE, FAILED
    }

    private final Reason reason;

    public GitFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
