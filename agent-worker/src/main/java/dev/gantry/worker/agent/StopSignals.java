package dev.gantry.worker.agent;

import java.util.UUID;

/**
 * What reaches a conversation's thread from the consumer thread while it works. A stop (or a delete) is seen
 * before the next action, and by a running tool at once, through the hook it left; a halt (the worker lost the
 * conversation, or it was deleted) means nothing more is written. Hence volatile: set on one thread, read on the
 * other.
 */
final class StopSignals {

    private final UUID conversationId;
    private volatile boolean stopRequested;
    /** What a running tool asked to run when a stop arrives; null while no tool waits. */
    private volatile Runnable onStop;
    private volatile boolean halted;

    StopSignals(UUID conversationId) {
        this.conversationId = conversationId;
    }

    /** A stop or a delete came: a running tool hears it now, on a thread of its own, not after the tool. */
    void requestStop() {
        stopRequested = true;
        Runnable interrupt = onStop;
        if (interrupt != null) {
            Thread.ofVirtual().name("stop-" + conversationId).start(interrupt);
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** The stop was carried out, or a new run begins: the next actions run. */
    void clearStop() {
        stopRequested = false;
    }

    /** What the running tool runs when a stop arrives. */
    void onStop(Runnable interrupt) {
        onStop = interrupt;
    }

    /** Nothing more is written here: the conversation is lost to this worker, or deleted. */
    void halt() {
        halted = true;
    }

    boolean halted() {
        return halted;
    }
}
