package dev.gantry.sandbox.launcher;

import java.util.List;

/**
 * Runs sandbox runtimes: as Kubernetes pods or as local processes. Work happens on instances, named
 * by an instance id: a cold create uses the sandbox id, a warm-pool instance gets its own and is
 * claimed for a sandbox later. Calls block; the caller serialises calls per instance.
 */
public interface SandboxLauncher {

    /**
     * Starts the instance's runtime, on its kept workspace when it has one, and returns once the
     * runtime answers {@code /alive}.
     *
     * @throws LaunchException when it did not come up (the detail says why)
     */
    RuntimeEndpoint start(InstanceSpec spec);

    /** Stops the runtime and keeps the workspace; nothing happens if it is not running. */
    void stop(String instanceId);

    /** Removes the runtime and the workspace; nothing happens if they are gone. */
    void remove(String instanceId);

    /**
     * Records, where it survives a restart of the manager, that the instance now serves a sandbox.
     *
     * @return false when the instance is gone or another claim took it first
     */
    boolean claim(String instanceId, SandboxClaim claim);

    /** The instances this launcher finds at start: what the manager left when it last stopped. */
    List<KnownInstance> discover();

    /** Stops every runtime this launcher started, when the manager shuts down. */
    void shutdown();
}
