package dev.gantry.conversation.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.crypto.SecretDecryptionException;
import dev.gantry.conversation.service.ProblemException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer that names the bad
 * field: refusals of the service, Bean Validation, unreadable JSON, JAX-RS errors and the unexpected.
 */
public class ProblemMappers {

    /** The field a problem names when the body as a whole is wrong. */
    static final String BODY = "body";

    private final ObjectMapper json;

    ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> refused(ProblemException e, UriInfo uri) {
        return answer(e.problem(), uri);
    }

    @ServerExceptionMapper({ResteasyReactiveViolationException.class, ConstraintViolationException.class})
    public RestResponse<Problem> invalid(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return answer(ProblemException.validation(errors), uri);
    }

    /** Jackson gives this one to the mappers as it is: a value of the wrong JSON type or format. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatched(MismatchedInputException e, UriInfo uri) {
        return answer(ProblemException.validation(List.of(unreadable(e))), uri);
    }

    /** Also carries the JSON the reader could not parse or bind, as its cause. */
    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JacksonException unreadable) {
            return answer(ProblemException.validation(List.of(unreadable(unreadable))), uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return answer(Problem.of(slug(status.getReasonPhrase()), status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> undecryptable(SecretDecryptionException e, UriInfo uri) {
        Log.errorf("a stored secret does not open under the configured master key (%s): was the key changed?", uri.getPath());
        return answer(Problem.of("secret-unreadable", "Secret unreadable", 500, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "unexpected failure on %s", uri.getPath());
        return answer(Problem.of("internal", "Internal error", 500, "the service failed; see its log"), uri);
    }

    private static RestResponse<Problem> answer(Problem problem, UriInfo uri) {
        Problem located = problem.withInstance("/" + uri.getPath().replaceFirst("^/", ""));
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(located).type(Problem.MEDIA_TYPE).build();
    }

    private FieldError unreadable(JacksonException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return new FieldError(BODY, "is not valid JSON");
        }
        String field = jsonPath(mapping.getPath());
        Throwable cause = mapping.getCause();
        if (cause instanceof IllegalArgumentException refused && refused.getMessage() != null) {
            return new FieldError(field, refused.getMessage());
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new FieldError(field, "must be one of " + wireNames(format.getTargetType()));
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldError(field, "is not a valid " + describe(mismatch.getTargetType()));
        }
        return new FieldError(field, "is not valid here");
    }

    /** The path Jackson was at, written as the request's fields are: {@code headers[Authorization]}, {@code args[0]}. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null && step.getFrom() instanceof Map<?, ?>) {
                field.append('[').append(step.getFieldName()).append(']');
            } else if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    private String wireNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> {
            try {
                return json.writeValueAsString(constant).replace("\"", "");
            } catch (JacksonException e) {
                return constant.toString();
            }
        }).collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    /**
     * The request field a violation is about: the bean path below the resource method's parameter,
     * or the parameter itself when the whole of it is wrong; container elements as {@code [index]}.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind == ElementKind.CONTAINER_ELEMENT) {
                Object at = node.getKey() != null ? node.getKey() : node.getIndex();
                if (at != null && !parts.isEmpty()) {
                    int last = parts.size() - 1;
                    parts.set(last, parts.get(last) + "[" + at + "]");
                }
                continue;
            }
            if (node.getName() != null) {
                parts.add(node.getName());
            }
        }
        if (!parts.isEmpty()) {
            return String.join(".", parts);
        }
        return parameter != null ? parameter : BODY;
    }

    private static String slug(String reasonPhrase) {
        return reasonPhrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
