package dev.gantry.gateway.rest;

import dev.gantry.contracts.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds the {@code application/problem+json} answers of the gateway. */
public final class ProblemResponses {

    private static final String BEARER_CHALLENGE = "Bearer";

    private ProblemResponses() {
    }

    public static Response of(Problem problem, String path) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(path));
        if (problem.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return response.build();
    }

    /** As {@link #of(Problem, String)}, saying with {@code Retry-After} when trying again is worth it. */
    public static Response of(Problem problem, String path, long retryAfterSeconds) {
        return Response.fromResponse(of(problem, path)).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }
}
