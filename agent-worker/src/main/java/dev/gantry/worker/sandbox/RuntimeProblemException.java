package dev.gantry.worker.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;

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
            JsonNode problem = GantryJson.mapper().readTree(body);
            if (!problem.isObject()) {
                return "the sandbox answered HTTP " + status;
            }
            StringBuilder text = new StringBuilder(problem.path("detail").asText(problem.path("title")
                    .asText("the sandbox answered HTTP " + status)));
            for (JsonNode field : problem.path("errors")) {
                text.append("\n- ").append(field.path("field").asText()).append(": ")
                        .append(field.path("reason").asText());
            }
            return text.toString();
        } catch (JsonProcessingException | RuntimeException unreadable) {
            return "the sandbox answered HTTP " + status;
        }
    }
}
