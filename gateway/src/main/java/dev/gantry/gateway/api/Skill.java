package dev.gantry.gateway.api;

import java.time.Instant;
import java.util.List;

/**
 * A skill of the caller: instructions the agent of each of their conversations gets, always (no triggers) or once a
 * user message of the conversation contains one of its triggers (a whole word, in any case).
 */
public record Skill(String name, List<String> triggers, String content, Instant createdAt, Instant updatedAt) {
}
