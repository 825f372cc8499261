package dev.gantry.cli.chat;

/** Where Ctrl-C reaches the chat. */
@FunctionalInterface
public interface Interrupts {

    /** Runs {@code firstInterrupt} on the first Ctrl-C; a second one ends the process at once. */
    void onInterrupt(Runnable firstInterrupt);

    /** For a chat that is not a process of its own (tests): Ctrl-C is never seen. */
    Interrupts NONE = firstInterrupt -> {
    };
}
