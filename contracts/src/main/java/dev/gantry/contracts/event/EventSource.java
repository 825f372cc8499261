package dev.gantry.contracts.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who an event comes from. */
public enum EventSource {
    @JsonProperty("user") USER,
    @JsonProperty("agent") AGENT,
    /** the sandbox: tool results */
    @JsonProperty("environment") ENVIRONMENT,
    /** the platform itself: status changes, prompts, condensations */
    @JsonProperty("system") SYSTEM
}
