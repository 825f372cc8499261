package dev.gantry.contracts.command;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user's choice of condenser. A field left null takes the installation's value
 * ({@code gantry.worker.condenser.*} of the agent-worker).
 *
 * @param mode      llm, recent-events-only or off
 * @param maxSize   the most events the LLM is sent before the history is condensed
 * @param keepFirst how many events at the start of the history are never condensed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CondenserSettings(CondenserMode mode, Integer maxSize, Integer keepFirst) {

    /** The smallest {@code maxSize}: room for a summary and one kept event once {@code keepFirst} is 0. */
    public static final int MIN_MAX_SIZE = 4;

    public CondenserSettings {
        if (maxSize != null && maxSize < MIN_MAX_SIZE) {
            throw new IllegalArgumentException("field 'maxSize' must be at least " + MIN_MAX_SIZE + ", was " + maxSize);
        }
        if (keepFirst != null && keepFirst < 0) {
            throw new IllegalArgumentException("field 'keepFirst' must not be negative, was " + keepFirst);
        }
        if (maxSize != null && keepFirst != null && !leavesRoom(maxSize, keepFirst)) {
            throw new IllegalArgumentException("field 'keepFirst' must be less than maxSize / 2 - 1 ("
                    + (maxSize / 2 - 1) + "), was " + keepFirst);
        }
    }

    /**
     * Whether a condensation down to half of {@code maxSize} still keeps at least one recent event besides the
     * first {@code keepFirst} and the summary (OpenHands' rule).
     */
    public static boolean leavesRoom(int maxSize, int keepFirst) {
        return maxSize / 2 - keepFirst - 1 > 0;
    }
}
