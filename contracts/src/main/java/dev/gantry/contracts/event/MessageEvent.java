package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;

import java.util.List;

/**
 * A chat message: from the user (source {@code user}) or the agent's reply without a tool call
 * (source {@code agent}), after which the agent waits for the user.
 *
 * @param activatedSkills the skills whose keywords this message triggered
 */
public record MessageEvent(String content, List<String> activatedSkills) implements EventPayload {

    public MessageEvent {
        require(content, "content");
        activatedSkills = activatedSkills == null ? List.of() : List.copyOf(activatedSkills);
    }

    public MessageEvent(String content) {
        this(content, List.of());
    }
}
