package dev.gantry.sandbox.service;

import dev.gantry.contracts.problem.Problem.FieldError;
import java.util.List;

/** A request the manager refuses, with each bad field and why: a 400. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
