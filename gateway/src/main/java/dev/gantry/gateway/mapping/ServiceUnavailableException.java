package dev.gantry.gateway.mapping;

/**
 * A platform service the request needs did not answer, answered 5xx, or its circuit is open (or the gateway has no
 * room for it now): a 503, whose
 * {@code Retry-After} tells the client when trying again is worth it.
 */
public final class ServiceUnavailableException extends ProblemException {

    private final long retryAfterSeconds;

    public ServiceUnavailableException(String service, Throwable cause, long retryAfterSeconds) {
        super(Problems.serviceUnavailable(service), cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The gateway itself has no room for the request now. */
    public ServiceUnavailableException(dev.gantry.contracts.problem.Problem problem, long retryAfterSeconds) {
        super(problem, null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
