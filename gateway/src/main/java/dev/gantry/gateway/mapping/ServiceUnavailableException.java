package dev.gantry.gateway.mapping;

/** A platform service the request needs did not answer, answered 5xx, or its circuit is open: a 503. */
public final class ServiceUnavailableException extends ProblemException {

    public ServiceUnavailableException(String service, Throwable cause) {
        super(Problems.serviceUnavailable(service), cause);
    }
}
