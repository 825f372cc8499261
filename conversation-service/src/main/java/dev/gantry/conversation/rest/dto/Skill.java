package dev.gantry.conversation.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * {@code Skill} of docs/INTERNAL-API.md: instructions for the agent of each of the user's conversations.
 *
 * @param triggers empty: always on (in the system prompt); else added once to a conversation whose user message
 *                 contains one of them (whole words, ignoring case)
 */
public record Skill(String name, List<String> triggers, String content, Instant createdAt, Instant updatedAt) {

    public Skill {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }
}
