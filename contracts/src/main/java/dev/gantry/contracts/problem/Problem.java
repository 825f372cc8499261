package dev.gantry.contracts.problem;

import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error answer of every Gantry HTTP API, as RFC 9457 {@code application/problem+json}.
 * The {@code type} is stable (clients branch on it); {@code errors} names each bad field of a request.
 *
 * @param type     {@link #TYPE_PREFIX} followed by a slug such as {@code validation}
 * @param instance the request path the problem is about, or null
 * @param errors   the fields that were rejected and why, empty when the problem is not about fields
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://gantry.dev/problems/";

    public Problem {
        requireText(type, "type");
        requireText(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is an HTTP error status, not " + status);
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem whose type is {@link #TYPE_PREFIX}{@code slug}. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    /** One rejected field: its path in the request ({@code settings.maxIterations}) and the reason. */
    public record FieldError(String field, String reason) {
        public FieldError {
            requireText(field, "field");
            requireText(reason, "reason");
        }
    }
}
