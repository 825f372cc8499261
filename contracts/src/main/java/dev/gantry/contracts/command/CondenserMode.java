package dev.gantry.contracts.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the agent's history is kept within the LLM's reach once it grows long. */
public enum CondenserMode {
    /** the forgotten middle of the history is replaced by a summary the LLM writes (OpenHands' LLM-summarizing condenser) */
    @JsonProperty("llm") LLM,
    /** the forgotten middle is dropped without a summary: the first events and the recent ones stay */
    @JsonProperty("recent-events-only") RECENT_EVENTS_ONLY,
    /** the whole history is sent, however long */
    @JsonProperty("off") OFF
}
