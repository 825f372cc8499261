package dev.gantry.contracts.event;

/**
 * The risk of an action, as in OpenHands' security analyzer, from no rating to the highest: UNKNOWN means that
 * nobody could rate it.
 */
public enum SecurityRisk {
    UNKNOWN, LOW, MEDIUM, HIGH
}
