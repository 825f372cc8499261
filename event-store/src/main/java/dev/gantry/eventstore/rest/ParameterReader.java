package dev.gantry.eventstore.rest;

import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.eventstore.mapping.EventSourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads a request's raw parameters, collecting every bad one, so that one 400 names them all.
 * Call {@link #validate()} before using what it read.
 */
final class ParameterReader {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, "must be a UUID"));
            return null;
        }
    }

    /** A seq position: a whole number, 0 or more; {@code fallback} when absent. */
    long seq(String field, String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same reason as a negative number
        }
        errors.add(new Problem.FieldError(field, "must be a whole number, 0 or more"));
        return fallback;
    }

    /** A page size between 1 and {@code max}; {@code max} when absent. */
    int limit(String field, String value, int max) {
        if (value == null) {
            return max;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same reason as a number out of range
        }
        errors.add(new Problem.FieldError(field, "must be a whole number from 1 to " + max));
        return max;
    }

    /** An event source by its wire name, or null when absent. */
    EventSource source(String field, String value) {
        if (value == null) {
            return null;
        }
        return EventSourceNames.parse(value).orElseGet(() -> {
            errors.add(new Problem.FieldError(field, "must be one of " + EventSourceNames.allNames()));
            return null;
        });
    }

    /** An event kind ({@code MessageEvent}, ...), or null when absent. */
    String kind(String field, String value) {
        if (value != null && !EventPayload.KINDS.contains(value)) {
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", EventPayload.KINDS)));
        }
        return value;
    }

    void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidParametersException(errors);
        }
    }
}
