package dev.gantry.worker.tools;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;

/** Turns a runtime's problem answer (RFC 9457) into text for the LLM. */
final class RuntimeProblems {

    private RuntimeProblems() {
    }

    static String describe(WebApplicationException e) {
        try {
            JsonNode problem = e.getResponse().readEntity(JsonNode.class);
            StringBuilder text = new StringBuilder(problem.path("detail").asText(problem.path("title").asText("error")));
            for (JsonNode field : problem.path("errors")) {
                text.append("\n- ").append(field.path("field").asText()).append(": ").append(field.path("message").asText());
            }
            return text.toString();
        } catch (RuntimeException unreadable) {
            return "the sandbox answered HTTP " + e.getResponse().getStatus();
        }
    }
}
