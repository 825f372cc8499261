package dev.gantry.contracts.sandbox;

/** The lifecycle states of a sandbox. */
public enum SandboxStatus {
    STARTING, RUNNING, PAUSED, ERROR, DELETED
}
