package dev.gantry.worker.execution;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids under which actions are run, the same on every worker that gets to the same point of a conversation,
 * so that the sandbox runtime runs each once (docs/INTERNAL-API.md, "Exactly-once actions").
 *
 * <p>An ActionEvent's id is derived from its conversation and seq. A worker that took over after its
 * predecessor's step was sent but never committed (the held step's transaction aborted) decides that step again
 * at the same seq: the replay model makes the same call, whose id is then the same, and the runtime answers it
 * with what the first run gave instead of running it again; an LLM that chooses differently makes another request,
 * which the runtime runs. The aborted events were never read by anyone (consumers read committed), so the id is
 * still used once in the log.
 */
public final class ActionIds {

    private ActionIds() {
    }

    /** The id of the ActionEvent that takes seq {@code seq} of the conversation. */
    public static UUID action(UUID conversationId, long seq) {
        return UUID.nameUUIDFromBytes(("gantry-action:" + conversationId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The clone tried after seq {@code lastSeq}: asked again by a take-over before its outcome was written. */
    public static String clone(UUID conversationId, long lastSeq) {
        return UUID.nameUUIDFromBytes(("gantry-clone:" + conversationId + ":" + lastSeq)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
