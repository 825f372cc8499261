package dev.gantry.worker.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.problem.Problem;

/** The runtime refused a call: its HTTP status and its problem answer (RFC 9457), told as text for the LLM. */
public final class RuntimeProblemException extends RuntimeException {

    private final int status;

    RuntimeProblemException(int status, String body) {
        super(describe(status, body));
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static String describe(int status, String body) {
        try {
            Problem problem = GantryJson.mapper().readValue(body, Problem.class);
            if (problem.errors().size() == 1) {
                // the runtime's tool messages (OpenHands' wording) reach the model once, as written
                Problem.FieldError only = problem.errors().getFirst();
                if (only.reason().equals(problem.detail())
                        || (only.field() + ": " + only.reason()).equals(problem.detail())) {
                    return only.reason();
                }
            }
            StringBuilder text = new StringBuilder(problem.detail() != null ? problem.detail() : problem.title());
            problem.errors().forEach(error -> text.append("\n- ").append(error.field()).append(": ")
                    .append(error.reason()));
            return text.toString();
        } catch (JsonProcessingException | IllegalArgumentException notAProblem) {
            return "the sandbox answered HTTP " + status;
        }
    }
}
