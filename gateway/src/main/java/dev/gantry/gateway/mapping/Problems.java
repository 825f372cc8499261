package dev.gantry.gateway.mapping;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import java.util.List;

/** The problems the gateway answers with; each {@code type} slug is stable, clients branch on it. */
public final class Problems {

    public static final String NOT_FOUND = "not-found";
    public static final String VALIDATION = "validation";
    public static final String MALFORMED_JSON = "malformed-json";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String SERVICE_UNAVAILABLE = "service-unavailable";
    public static final String INTEGRATIONS_UNAVAILABLE = "integrations-unavailable";
    public static final String NO_SANDBOX = "no-sandbox";
    public static final String INTERNAL = "internal";
    /** The prefix of problems named after a plain HTTP status ({@code http-405}), for routing errors. */
    public static final String HTTP_PREFIX = "http-";

    /** The service name under which the integrations service is known; its outage has its own type. */
    public static final String INTEGRATIONS_SERVICE = "integrations-service";

    private Problems() {
    }

    /** Another user's resource answers exactly like a missing one: existence is never confirmed. */
    public static Problem notFound(String what) {
        return Problem.of(NOT_FOUND, "Not found", 404, what + " does not exist");
    }

    public static Problem invalid(List<FieldError> errors) {
        return Problem.of(VALIDATION, "Invalid request", 400, "the request has invalid fields").withErrors(errors);
    }

    public static Problem malformedJson(String field, String reason) {
        return Problem.of(MALFORMED_JSON, "Malformed JSON", 400, "the request body is not the JSON this route takes")
                .withErrors(List.of(new FieldError(field, reason)));
    }

    public static Problem unauthorized() {
        return Problem.of(UNAUTHORIZED, "Unauthorized", 401,
                "a valid bearer token (RS256 JWT with this gateway's issuer and audience) is required");
    }

    public static Problem forbidden(String detail) {
        return Problem.of(FORBIDDEN, "Forbidden", 403, detail);
    }

    public static Problem rateLimited(long retryAfterSeconds) {
        return Problem.of(RATE_LIMITED, "Too many requests", 429,
                "the request rate limit of this user is spent; retry after " + retryAfterSeconds + " s");
    }

    public static Problem tooManyStreams(int limit) {
        return Problem.of(RATE_LIMITED, "Too many requests", 429,
                "this user has " + limit + " event streams open, the most allowed; close one first");
    }

    public static Problem streamsFull(int limit) {
        return Problem.of(SERVICE_UNAVAILABLE, "Service unavailable", 503,
                "this gateway replica holds the most event streams it may (" + limit + "); retry later");
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return Problem.of(PAYLOAD_TOO_LARGE, "Payload too large", 413,
                "the request body is larger than " + limitBytes + " bytes");
    }

    public static Problem serviceUnavailable(String service) {
        if (INTEGRATIONS_SERVICE.equals(service)) {
            return Problem.of(INTEGRATIONS_UNAVAILABLE, "Service unavailable", 503,
                    "integrations service not available");
        }
        return Problem.of(SERVICE_UNAVAILABLE, "Service unavailable", 503,
                service + " is not available; retry later");
    }

    public static Problem noSandbox(String conversationId) {
        return Problem.of(NO_SANDBOX, "No sandbox", 409,
                "conversation " + conversationId + " has no sandbox yet; its workspace appears when the agent starts");
    }

    public static Problem internal() {
        return Problem.of(INTERNAL, "Internal error", 500, "the gateway failed to answer this request");
    }

    /** A problem for an HTTP-level rejection (unknown route, wrong method or media type). */
    public static Problem httpStatus(int status, String title, String detail) {
        return Problem.of(HTTP_PREFIX + status, title, status, detail);
    }
}
