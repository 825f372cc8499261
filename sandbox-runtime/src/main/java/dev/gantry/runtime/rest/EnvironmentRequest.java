package dev.gantry.runtime.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /api/v1/environment}: the variables the agent's shell gets, such as the user's
 * secrets the conversation exports to its sandbox. Sent over the authenticated API so that no value is
 * ever on a command line, in a file or in a record.
 */
public record EnvironmentRequest(Map<String, String> variables) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** The runtime's own settings stay its own. */
    private static final String RESERVED_PREFIX = "GANTRY_";

    /** Checks the variables, naming every bad one in one 400; the values are never echoed. */
    Map<String, String> validate() {
        if (variables == null) {
            throw ApiProblem.invalidField("variables", "is required (an object of name to value; {} for none)");
        }
        List<FieldError> errors = new ArrayList<>();
        variables.forEach((name, value) -> {
            String field = "variables." + name;
            if (!NAME.matcher(name).matches()) {
                errors.add(new FieldError("variables", "a name must be a shell variable name (letters, digits and _"
                        + ", not starting with a digit, at most 128 characters)"));
            } else if (name.startsWith(RESERVED_PREFIX)) {
                errors.add(new FieldError(field, "names starting with " + RESERVED_PREFIX + " are the runtime's own"));
            } else if (value == null) {
                errors.add(new FieldError(field, "must be a text"));
            } else if (value.indexOf('\0') >= 0) {
                errors.add(new FieldError(field, "must not contain a NUL character"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return Map.copyOf(variables);
    }
}
