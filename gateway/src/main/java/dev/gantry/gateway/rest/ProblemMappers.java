package dev.gantry.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.gateway.mapping.ProblemException;
import dev.gantry.gateway.mapping.Problems;
import dev.gantry.gateway.mapping.ServiceUnavailableException;
import dev.gantry.gateway.ratelimit.RateLimits;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure becomes an {@code application/problem+json} answer with a stable type. */
class ProblemMappers {

    private final RateLimits limits;

    ProblemMappers(RateLimits limits) {
        this.limits = limits;
    }

    /** The field name of a body that is not JSON at all. */
    private static final String BODY = "body";

    /** A 503 says with {@code Retry-After} when trying again is worth it. */
    @ServerExceptionMapper
    Response problem(ProblemException e, HttpServerRequest request) {
        if (e instanceof ServiceUnavailableException unavailable) {
            return ProblemResponses.of(e.problem(), request.path(), unavailable.retryAfterSeconds());
        }
        return ProblemResponses.of(e.problem(), request.path());
    }

    /** Counted against the client's address: requests without a valid token, guesses included, are limited. */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    Uni<Response> unauthorized(RuntimeException e, HttpServerRequest request) {
        return limits.takeForAddress(request).map(wait -> wait
                .map(seconds -> RateLimits.tooMany(seconds, request.path()))
                .orElseGet(() -> ProblemResponses.of(Problems.unauthorized(), request.path())));
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ProblemResponses.of(Problems.forbidden("this route needs a role the token does not grant"),
                request.path());
    }

    @ServerExceptionMapper
    Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ProblemResponses.of(Problems.invalid(errors), request.path());
    }

    @ServerExceptionMapper
    Response notJson(JsonParseException e, HttpServerRequest request) {
        return ProblemResponses.of(Problems.malformedJson(BODY, e.getOriginalMessage()), request.path());
    }

    /** Declared for the subtype too, so it wins over the Jackson extension's own mapper of it. */
    @ServerExceptionMapper
    Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return wrongJson(e, request);
    }

    @ServerExceptionMapper
    Response wrongJson(JsonMappingException e, HttpServerRequest request) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        return ProblemResponses.of(Problems.malformedJson(field.isEmpty() ? BODY : field, JsonMistakes.reason(e)),
                request.path());
    }

    @ServerExceptionMapper
    Response http(WebApplicationException e, HttpServerRequest request) {
        // a parameter converter's refusal, which JAX-RS wraps
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, request);
        }
        // the body reader wraps what Jackson rejected in a 400
        if (e.getCause() instanceof JsonParseException notJson) {
            return notJson(notJson, request);
        }
        if (e.getCause() instanceof JsonMappingException wrongJson) {
            return wrongJson(wrongJson, request);
        }
        int status = e.getResponse().getStatus();
        if (status == Response.Status.NOT_FOUND.getStatusCode()) {
            return ProblemResponses.of(Problems.notFound("the route " + request.method() + " " + request.path()),
                    request.path());
        }
        if (status == Response.Status.METHOD_NOT_ALLOWED.getStatusCode()) {
            return ProblemResponses.of(Problems.httpStatus(status, "Method not allowed", "the route " + request.path()
                    + " does not take " + request.method()), request.path());
        }
        if (status >= Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()) {
            return unexpected(e, request);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request rejected" : type.getReasonPhrase();
        return ProblemResponses.of(Problems.httpStatus(status, title, e.getMessage()), request.path());
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, HttpServerRequest request) {
        Log.errorf(e, "gateway: %s %s failed", request.method(), request.path());
        return ProblemResponses.of(Problems.internal(), request.path());
    }

    /**
     * {@code start.request.title} names the method, its parameter and the property; clients know the
     * property ({@code title}), or the parameter when the constraint is on a query parameter ({@code limit}).
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getIndex() != null
                    && !properties.isEmpty()) {
                // an element of a list: triggers[1], as the request writes it
                properties.set(properties.size() - 1, properties.getLast() + "[" + node.getIndex() + "]");
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                properties.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        String property = properties.stream().filter(p -> p != null && !p.startsWith("<"))
                .collect(Collectors.joining("."));
        if (!property.isEmpty()) {
            return property;
        }
        return parameter != null ? parameter : BODY;
    }
}
