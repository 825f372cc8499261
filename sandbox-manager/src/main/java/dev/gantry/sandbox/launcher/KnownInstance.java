package dev.gantry.sandbox.launcher;

import java.util.Optional;

/**
 * An instance found at start.
 *
 * @param running      its runtime's endpoint when it is up and answering
 * @param wantsRunning true when it was running when the manager stopped (it was not paused)
 */
public record KnownInstance(String instanceId, String template, Optional<SandboxClaim> claim,
        Optional<RuntimeEndpoint> running, boolean wantsRunning) {
}
