package dev.gantry.conversation.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.conversation.service.Page;
import dev.gantry.conversation.service.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads query parameters that are text on the wire, collecting every bad one, so a request is
 * answered with a 400 naming each field rather than JAX-RS' 404 for an unconvertible parameter.
 */
final class QueryParams {

    private final List<FieldError> errors = new ArrayList<>();

    /** The {@code limit} of a list route that takes no other parameter, checked. */
    static int pageLimit(String value) {
        QueryParams params = new QueryParams();
        int limit = params.limit(value);
        params.check();
        return limit;
    }

    int limit(String value) {
        if (value == null || value.isEmpty()) {
            return Page.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= Page.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as an out-of-range value is
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + Page.MAX_LIMIT));
        return Page.DEFAULT_LIMIT;
    }

    Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z"));
            return null;
        }
    }

    void reject(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    /** @throws ProblemException naming every bad parameter, if there was one */
    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
