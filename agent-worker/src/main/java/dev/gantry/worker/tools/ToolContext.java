package dev.gantry.worker.tools;

import dev.gantry.worker.sandbox.SandboxSession;
import java.util.List;
import java.util.UUID;

/** What a tool call may use of its conversation. */
public interface ToolContext {

    /** The conversation the call belongs to. */
    UUID conversationId();

    /**
     * The action this call carries out (its ActionEvent's id): sent with every call that acts, so the sandbox
     * runtime (or integrations-service) runs it once, however often a take-over asks again.
     */
    String actionId();

    /** The conversation's running sandbox, acquired on first use. */
    SandboxSession sandbox() throws InterruptedException;

    /** Whether the user asked to stop: a tool with a running command interrupts it. */
    boolean stopRequested();

    /**
     * Runs {@code interrupt} on a thread of its own as soon as the user asks to stop, until the
     * returned registration is closed: how a tool cuts short a call that would run to its timeout.
     */
    StopRegistration onStop(Runnable interrupt);

    List<Task> tasks();

    /** Ends an {@link #onStop} registration. */
    interface StopRegistration extends AutoCloseable {
        @Override
        void close();
    }

    /** A task of the task tracker. */
    record Task(String title, String notes, String status) {
    }
}
