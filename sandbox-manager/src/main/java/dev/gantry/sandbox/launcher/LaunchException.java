package dev.gantry.sandbox.launcher;

/** A runtime did not come up; the message is the detail reported with the ERROR status. */
public class LaunchException extends RuntimeException {

    public LaunchException(String detail) {
        super(detail);
    }

    public LaunchException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
