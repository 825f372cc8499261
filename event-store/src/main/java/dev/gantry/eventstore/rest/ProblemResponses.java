package dev.gantry.eventstore.rest;

import dev.gantry.contracts.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the resources' errors into {@code application/problem+json} answers. */
class ProblemResponses {

    @ServerExceptionMapper
    Response invalidParameters(InvalidParametersException e, UriInfo uri) {
        return answer(Problem.of("validation", "Invalid request parameters", Response.Status.BAD_REQUEST.getStatusCode(),
                "One or more parameters are invalid; see errors.").withErrors(e.errors()), uri);
    }

    @ServerExceptionMapper
    Response eventNotFound(EventNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Event not found", Response.Status.NOT_FOUND.getStatusCode(),
                e.getMessage()), uri);
    }

    private static Response answer(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath())).build();
    }
}
