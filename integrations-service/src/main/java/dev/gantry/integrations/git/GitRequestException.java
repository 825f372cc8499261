package dev.gantry.integrations.git;

import dev.gantry.contracts.problem.Problem;
import java.util.List;

/** A git request refused with the problem the caller gets. */
public final class GitRequestException extends RuntimeException {

    private final transient Problem problem;

    private GitRequestException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static GitRequestException invalid(String field, String reason) {
        return new GitRequestException(Problem.of("validation", "Invalid request", 400, field + ": " + reason)
                .withErrors(List.of(new Problem.FieldError(field, reason))));
    }

    public static GitRequestException tokenRejected(String field, String reason) {
        return new GitRequestException(Problem.of("git-token-rejected", "Git token rejected", 400, reason)
                .withErrors(List.of(new Problem.FieldError(field, reason))));
    }

    public static GitRequestException notFound(String detail) {
        return new GitRequestException(Problem.of("not-found", "Not found", 404, detail));
    }
}
