package dev.gantry.contracts.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When the agent asks the user before running an action, as OpenHands' confirmation policies. */
public enum ConfirmationPolicy {
    @JsonProperty("never") NEVER,
    @JsonProperty("always") ALWAYS,
    /** only actions whose predicted security risk is HIGH */
    @JsonProperty("risky") RISKY
}
