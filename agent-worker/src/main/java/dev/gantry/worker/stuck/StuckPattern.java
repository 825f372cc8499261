package dev.gantry.worker.stuck;

import java.util.Locale;

/** The ways an agent can be stuck, named in the status change's reason. */
public enum StuckPattern {
    REPEATED_ACTION_AND_OBSERVATION("the same action gave the same observation " + StuckDetector.SAME_ACTION_AND_OBSERVATION + " times in a row"),
    REPEATED_ACTION_ERROR("the same action failed " + StuckDetector.SAME_ACTION_ERRORING + " times in a row"),
    MONOLOGUE("the agent wrote " + StuckDetector.MONOLOGUE + " messages in a row without the user answering"),
    ALTERNATING_ACTIONS("the agent alternated between two actions with the same results " + StuckDetector.ALTERNATING_PAIRS + " times"),
    CONTEXT_WINDOW_ERRORS("the LLM's context window was exceeded " + StuckDetector.CONTEXT_WINDOW_ERRORS + " times in a row");

    private final String description;

    StuckPattern(String description) {
        this.description = description;
    }

    /** The reason recorded with the {@code stuck} status: the pattern's name and what it means. */
    public String reason() {
        return name().toLowerCase(Locale.ROOT) + ": " + description;
    }
}
