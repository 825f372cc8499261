package dev.gantry.integrations.resolver;

import dev.gantry.contracts.problem.Problem;
import java.util.List;

/** A resolver or webhook request refused, with the problem the caller gets. */
public final class ResolverRequestException extends RuntimeException {

    private final transient Problem problem;

    public ResolverRequestException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ResolverRequestException invalid(String field, String reason) {
        return new ResolverRequestException(Problem.of("validation", "Invalid request", 400, field + ": " + reason)
                .withErrors(List.of(new Problem.FieldError(field, reason))));
    }

    public static ResolverRequestException notFound(String detail) {
        return new ResolverRequestException(Problem.of("not-found", "Not found", 404, detail));
    }

    public static ResolverRequestException forbidden(String detail) {
        return new ResolverRequestException(Problem.of("forbidden", "Forbidden", 403, detail));
    }

    /** A webhook whose signature (or GitLab token) is missing or wrong: nothing of it is kept. */
    public static ResolverRequestException badSignature(String detail) {
        return new ResolverRequestException(Problem.of("webhook-signature", "Webhook signature refused", 401, detail));
    }
}
