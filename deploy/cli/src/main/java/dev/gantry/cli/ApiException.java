package dev.gantry.cli;

/** The public API answered with an error, or could not be reached. */
public class ApiException extends Exception {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }
}
