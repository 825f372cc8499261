package dev.gantry.runtime.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the runtime answers is {@code application/problem+json}: these mappers make it so. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    /** Malformed JSON or a value of the wrong type: name the field Jackson stopped at. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "body";
        String reason = e instanceof JsonMappingException ? "has the wrong type or shape" : "is not valid JSON";
        return respond(Problem.of("validation", "Invalid request", 400, field + " " + reason)
                .withErrors(List.of(new FieldError(field, reason))), uri);
    }

    /** Framework answers (unknown route, wrong method, unsupported media type) in the same shape. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // the JSON body reader reports a syntax error as a bare 400 that wraps Jackson's exception
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase().replace(' ', '-');
        return respond(Problem.of(slug, type.getReasonPhrase(), status, e.getMessage()), uri);
    }

    /** The file system refused an operation on a path the request named: say why, as the path's problem. */
    @ServerExceptionMapper
    public Response fileSystem(UncheckedIOException e, UriInfo uri) {
        if (!(e.getCause() instanceof FileSystemException refused)) {
            return unexpected(e, uri);
        }
        String reason = refused.getReason() != null ? refused.getReason() : refused.getClass().getSimpleName();
        String detail = refused.getFile() + ": " + reason;
        Problem problem = switch (refused) {
            case AccessDeniedException denied -> Problem.of("access-denied", "Access denied", 403, detail);
            case NoSuchFileException missing -> Problem.of("not-found", "Not found", 404, detail);
            default -> Problem.of("file-system", "File system error", 422, detail);
        };
        return respond(problem.withErrors(List.of(new FieldError("path", reason))), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "request to %s failed", uri.getPath());
        return respond(Problem.of("internal", "Internal error", 500, e.getClass().getSimpleName() + ": " + e.getMessage()),
                uri);
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath()))
                .build();
    }
}
