package dev.gantry.integrations.callbacks;

/** A callback's receiver did not take an event; {@code retryable} when trying again may help. */
final class DeliveryFailedException extends RuntimeException {

    private final boolean retryable;

    DeliveryFailedException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
