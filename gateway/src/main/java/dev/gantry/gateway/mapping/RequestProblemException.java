package dev.gantry.gateway.mapping;

import dev.gantry.contracts.problem.Problem;

/** The request cannot succeed as it is (a 4xx): unknown resource, invalid field, not allowed. */
public final class RequestProblemException extends ProblemException {

    public RequestProblemException(Problem problem) {
        super(problem, null);
    }
}
