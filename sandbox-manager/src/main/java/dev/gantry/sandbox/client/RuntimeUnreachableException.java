package dev.gantry.sandbox.client;

/** A sandbox runtime that should be up did not answer. */
public class RuntimeUnreachableException extends RuntimeException {

    public RuntimeUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
