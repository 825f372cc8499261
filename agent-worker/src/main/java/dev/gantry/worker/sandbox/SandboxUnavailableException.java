package dev.gantry.worker.sandbox;

/** The conversation's sandbox did not become usable. */
public class SandboxUnavailableException extends RuntimeException {

    public SandboxUnavailableException(String message) {
        super(message);
    }
}
