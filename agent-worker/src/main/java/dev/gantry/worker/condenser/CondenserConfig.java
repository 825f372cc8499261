package dev.gantry.worker.condenser;

import dev.gantry.contracts.command.CondenserMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The installation's condenser ({@code gantry.worker.condenser.*}): what a conversation gets unless its
 * settings choose otherwise. The defaults are those of OpenHands' default agent.
 */
@ConfigMapping(prefix = "gantry.worker.condenser")
public interface CondenserConfig {

    /** {@code llm} (summarize the forgotten events), {@code recent-events-only} (drop them) or {@code off}. */
    @WithDefault("llm")
    CondenserMode mode();

    /** The most events the LLM is sent: past it, the history is condensed to about half of it. */
    @WithDefault("80")
    int maxSize();

    /** How many events at the start of the history (the system prompt, the task) are never condensed. */
    @WithDefault("4")
    int keepFirst();

    /** How much of each forgotten event the summarizing LLM reads, in characters; the rest is cut. */
    @WithDefault("2000")
    int maxEventChars();
}
