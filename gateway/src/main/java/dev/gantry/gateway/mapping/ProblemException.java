package dev.gantry.gateway.mapping;

import dev.gantry.contracts.problem.Problem;

/**
 * A failure that already knows the problem+json answer it becomes. Sealed so fault tolerance can
 * tell the two kinds apart: a request problem is never retried and never opens a circuit breaker.
 */
public abstract sealed class ProblemException extends RuntimeException
        permits RequestProblemException, ServiceUnavailableException {

    private final transient Problem problem;

    protected ProblemException(Problem problem, Throwable cause) {
        super(problem.title() + ": " + problem.detail(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
