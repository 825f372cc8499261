package dev.gantry.worker.agent.sandbox;

import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Duration;

/**
 * When a conversation's sandbox is paused because the conversation ended: once it has stayed ended (finished,
 * stopped, stuck, failed) for {@code after} with no command, once per end. A conversation that runs again gets a
 * new end, and its next tool call or message starts the sandbox again.
 */
public final class SandboxRest {

    private final Duration after;
    private final Runnable pause;
    private boolean rested;

    /**
     * @param after how long an ended conversation keeps its sandbox running
     * @param pause pauses the conversation's sandbox
     */
    public SandboxRest(Duration after, Runnable pause) {
        this.after = after;
        this.pause = pause;
    }

    /** How long to wait for the next command: the idle wait, or less when the sandbox is due to rest first. */
    public Duration wait(ExecutionStatus status, Duration idle) {
        return due(status) && after.compareTo(idle) < 0 ? after : idle;
    }

    /** After a wait that brought no command: pauses the sandbox if it was due; whether it did. */
    public boolean restIfDue(ExecutionStatus status) {
        if (!due(status)) {
            return false;
        }
        rested = true;
        pause.run();
        return true;
    }

    /** The conversation runs again: its next end pauses the sandbox again. */
    public void running() {
        rested = false;
    }

    private boolean due(ExecutionStatus status) {
        return !rested && status.isTerminal();
    }
}
