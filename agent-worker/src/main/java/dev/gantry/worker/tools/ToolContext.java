package dev.gantry.worker.tools;

import dev.gantry.worker.sandbox.SandboxSession;
import java.util.List;

/** What a tool call may use of its conversation. */
public interface ToolContext {

    /** The conversation's running sandbox, acquired on first use. */
    SandboxSession sandbox() throws InterruptedException;

    /** Whether the user asked to stop: a tool with a running command interrupts it. */
    boolean stopRequested();

    List<Task> tasks();

    /** A task of the task tracker. */
    record Task(String title, String notes, String status) {
    }
}
