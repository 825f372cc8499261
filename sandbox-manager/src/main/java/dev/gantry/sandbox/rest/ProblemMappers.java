package dev.gantry.sandbox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.sandbox.client.RuntimeUnreachableException;
import dev.gantry.sandbox.service.InvalidRequestException;
import dev.gantry.sandbox.service.SandboxNotFoundException;
import dev.gantry.sandbox.service.SandboxStateException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of this API as an RFC 9457 problem. */
class ProblemMappers {

    @ServerExceptionMapper
    Response notFound(SandboxNotFoundException e, UriInfo uri) {
        return answer(Problem.of("not-found", "Sandbox not found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    Response invalid(InvalidRequestException e, UriInfo uri) {
        return answer(Problem.of("validation", "Invalid request", 400, e.getMessage()).withErrors(e.errors()), uri);
    }

    @ServerExceptionMapper
    Response wrongState(SandboxStateException e, UriInfo uri) {
        return answer(Problem.of("sandbox-not-running", "Sandbox not running", 409, e.getMessage())
                .withErrors(List.of(new FieldError("status", "is " + e.status()))), uri);
    }

    @ServerExceptionMapper
    Response unreachable(RuntimeUnreachableException e, UriInfo uri) {
        return answer(Problem.of("runtime-unreachable", "Sandbox runtime unreachable", 502, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    Response unreadable(JsonProcessingException e, UriInfo uri) {
        String path = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName).filter(Objects::nonNull)
                .collect(Collectors.joining(".")) : "";
        String field = path.isEmpty() ? "body" : path;
        return answer(Problem.of("validation", "Invalid request", 400, "the body is not valid JSON for this request")
                .withErrors(List.of(new FieldError(field, e.getOriginalMessage()))), uri);
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return answer(Problem.of("http-" + status, title, status, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "unexpected failure on %s", uri.getPath());
        return answer(Problem.of("internal", "Internal error", 500, "an unexpected error happened; it is logged"), uri);
    }

    private static Response answer(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.withInstance(uri.getPath()))
                .build();
    }
}
