package dev.gantry.eventstore.rest;

import dev.gantry.contracts.problem.Problem;
import java.util.List;

/** A request whose parameters are wrong; answered 400 with each bad field named. */
class InvalidParametersException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    InvalidParametersException(List<Problem.FieldError> errors) {
        super("invalid parameters: " + errors);
        this.errors = List.copyOf(errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
