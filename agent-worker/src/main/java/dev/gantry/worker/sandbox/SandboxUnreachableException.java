package dev.gantry.worker.sandbox;

/**
 * A call to the sandbox's runtime failed because the runtime is gone (paused, deleted, replaced) or
 * does not answer.
 */
public class SandboxUnreachableException extends SandboxUnavailableException {

    private final boolean mayHaveRun;

    public SandboxUnreachableException(String message, boolean mayHaveRun) {
        super(message);
        this.mayHaveRun = mayHaveRun;
    }

    /**
     * False when the call cannot have reached the runtime (no connection was made, or the runtime refused
     * the session key), so the action did not run and may be sent again once the sandbox is back.
     */
    public boolean mayHaveRun() {
        return mayHaveRun;
    }
}
