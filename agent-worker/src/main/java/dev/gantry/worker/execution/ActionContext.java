package dev.gantry.worker.execution;

import dev.gantry.worker.sandbox.SandboxSession;
import dev.gantry.worker.tools.ToolContext;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What one action's tool call may use of its conversation, the action's id among it. */
public final class ActionContext implements ToolContext {

    /** The conversation's sandbox, acquired on first use. */
    @FunctionalInterface
    public interface Sandbox {
        SandboxSession session() throws InterruptedException;
    }

    private final UUID conversationId;
    private final String actionId;
    private final Sandbox sandbox;
    private final BooleanSupplier stopRequested;
    private final Consumer<Runnable> stopHook;
    private final Supplier<List<Task>> tasks;

    /**
     * @param stopHook sets what runs when the user asks to stop (null: nothing)
     */
    public ActionContext(UUID conversationId, UUID actionId, Sandbox sandbox, BooleanSupplier stopRequested,
            Consumer<Runnable> stopHook, Supplier<List<Task>> tasks) {
        this.conversationId = conversationId;
        this.actionId = actionId.toString();
        this.sandbox = sandbox;
        this.stopRequested = stopRequested;
        this.stopHook = stopHook;
        this.tasks = tasks;
    }

    @Override
    public UUID conversationId() {
        return conversationId;
    }

    @Override
    public String actionId() {
        return actionId;
    }

    @Override
    public SandboxSession sandbox() throws InterruptedException {
        return sandbox.session();
    }

    @Override
    public boolean stopRequested() {
        return stopRequested.getAsBoolean();
    }

    @Override
    public StopRegistration onStop(Runnable interrupt) {
        stopHook.accept(interrupt);
        return () -> stopHook.accept(null);
    }

    @Override
    public List<Task> tasks() {
        return tasks.get();
    }
}
