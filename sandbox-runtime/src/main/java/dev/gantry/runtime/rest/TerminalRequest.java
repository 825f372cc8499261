package dev.gantry.runtime.rest;

import dev.gantry.contracts.problem.Problem.FieldError;
import dev.gantry.runtime.terminal.TerminalCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /api/v1/terminal}; see ARCHITECTURE.md, "Sandbox runtime API". */
public record TerminalRequest(String command, Boolean isInput, Double timeoutSeconds, Boolean reset) {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Checks the fields and returns the command, or throws a 400 that names every bad field. */
    TerminalCommand validate(Duration maxTimeout) {
        List<FieldError> errors = new ArrayList<>();
        boolean resetting = Boolean.TRUE.equals(reset);
        if (command == null && !resetting) {
            errors.add(new FieldError("command", "is required (an empty string waits for a running command)"));
        }
        // OpenHands refuses the pair before touching the shell, so nothing is reset
        if (resetting && Boolean.TRUE.equals(isInput)) {
            errors.add(new FieldError("reset", "Cannot use reset=True with is_input=True"));
        }
        if (timeoutSeconds != null && !(timeoutSeconds > 0 && timeoutSeconds <= maxTimeout.toSeconds())) {
            errors.add(new FieldError("timeoutSeconds",
                    "must be above 0 and at most " + maxTimeout.toSeconds() + ", not " + timeoutSeconds));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return new TerminalCommand(command == null ? "" : command, Boolean.TRUE.equals(isInput),
                Optional.ofNullable(timeoutSeconds).map(s -> Duration.ofNanos((long) (s * NANOS_PER_SECOND))),
                resetting);
    }
}
