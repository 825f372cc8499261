package dev.gantry.sandbox.service;

import dev.gantry.contracts.sandbox.SandboxStatus;
import dev.gantry.sandbox.config.SandboxConfig;
import dev.gantry.sandbox.launcher.RuntimeEndpoint;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * The runtime of a sandbox someone needs now, such as a user opening the files of a conversation that ended and
 * whose sandbox was paused (by the worker once the conversation had ended, or by the idle reaper): a paused
 * sandbox is started again on its workspace and the request waits for it, instead of being refused.
 */
@ApplicationScoped
public class RunningOnDemand {

    private static final long POLL_MILLIS = 25;

    private final SandboxService sandboxes;
    private final Duration wait;

    RunningOnDemand(SandboxService sandboxes, SandboxConfig config) {
        this.sandboxes = sandboxes;
        this.wait = config.startTimeout();
    }

    /**
     * The sandbox's runtime, once it runs; blocks (call it off the event loop) for at most the start timeout.
     *
     * @throws SandboxStateException when it is neither running nor on its way (failed, deleted) or did not start in time
     */
    public RuntimeEndpoint endpoint(UUID id) {
        if (sandboxes.find(id).map(Sandbox::status).orElse(null) == SandboxStatus.PAUSED) {
            Log.infof("sandbox %s is paused and asked for: starting it again on its workspace", id);
            sandboxes.resume(id);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return sandboxes.connection(id);
            } catch (SandboxStateException notRunning) {
                if (notRunning.status() != SandboxStatus.STARTING || System.nanoTime() > deadline) {
                    throw notRunning;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxStateException("sandbox " + id + " is starting", SandboxStatus.STARTING);
            }
        }
    }
}
