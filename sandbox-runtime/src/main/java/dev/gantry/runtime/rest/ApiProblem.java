package dev.gantry.runtime.rest;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import java.util.List;

/**
 * A request the runtime refuses, carrying the problem+json answer. Thrown by the tools and turned into
 * the HTTP response by {@link ProblemMappers}, so the tools state the reason where they find it.
 */
public final class ApiProblem extends RuntimeException {

    private final transient Problem problem;

    public ApiProblem(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 400: one field of the request is missing or malformed. */
    public static ApiProblem invalidField(String field, String reason) {
        return invalidFields(List.of(new FieldError(field, reason)));
    }

    /** 400: fields of the request are missing or malformed. */
    public static ApiProblem invalidFields(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.reason())
                .reduce((a, b) -> a + "; " + b).orElse("the request is invalid");
        return new ApiProblem(Problem.of("validation", "Invalid request", 400, detail).withErrors(errors));
    }

    /** 403: the path resolves outside the directories the runtime may touch. */
    public static ApiProblem pathOutsideRoots(String field, String path, String reason) {
        return withField("path-not-allowed", "Path not allowed", 403, field, reason, path + ": " + reason);
    }

    /** 404: the path does not exist. */
    public static ApiProblem notFound(String field, String path) {
        return withField("not-found", "Not found", 404, field, "does not exist",
                "The path " + path + " does not exist.");
    }

    /** 409: the request conflicts with the current state (a file exists, nothing is running). */
    public static ApiProblem conflict(String field, String detail) {
        return withField("conflict", "Conflict", 409, field, detail, detail);
    }

    /** 413: an upload is larger than the configured limit. */
    public static ApiProblem tooLarge(String field, String detail) {
        return withField("too-large", "Content too large", 413, field, detail, detail);
    }

    /** 422: the request is well formed but the tool cannot carry it out on this content. */
    public static ApiProblem unprocessable(String field, String detail) {
        return withField("not-applicable", "Edit not applicable", 422, field, detail, detail);
    }

    private static ApiProblem withField(String slug, String title, int status, String field, String reason,
            String detail) {
        return new ApiProblem(Problem.of(slug, title, status, detail)
                .withErrors(List.of(new FieldError(field, reason))));
    }
}
