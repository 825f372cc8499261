package dev.gantry.conversation.service;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import java.util.List;

/** A request the service refuses, carrying the RFC 9457 problem the caller gets. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    private ProblemException(Problem problem) {
        // an expected refusal: no stack trace to fill
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Also what another user's resource answers: existence is not confirmed. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, "%s '%s' does not exist".formatted(what, id)));
    }

    public static ProblemException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(validation(errors));
    }

    public static ProblemException conflict(String field, String reason) {
        return new ProblemException(Problem.of("conflict", "Conflict", 409, field + ": " + reason)
                .withErrors(List.of(new FieldError(field, reason))));
    }

    /** An idempotency key sent again with another request than the one it was first sent with. */
    public static ProblemException keyReused(String header) {
        String reason = "was used with another request; send a new key for a new request";
        return new ProblemException(Problem.of("idempotency-key-reused", "Idempotency key reused", 422,
                header + ": " + reason).withErrors(List.of(new FieldError(header, reason))));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
    }

    /** The one shape of every rejected request body or parameter. */
    public static Problem validation(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b)
                .orElse("the request is not valid");
        return Problem.of("validation", "Invalid request", 400, detail).withErrors(errors);
    }
}
