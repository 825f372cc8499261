package dev.gantry.contracts.event;

/** The risk the LLM predicts for an action, as in OpenHands' security analyzer. */
public enum SecurityRisk {
    UNKNOWN, LOW, MEDIUM, HIGH
}
