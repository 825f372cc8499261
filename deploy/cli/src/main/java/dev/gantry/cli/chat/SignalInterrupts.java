package dev.gantry.cli.chat;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) of the {@code gantry} process: the first leaves the chat the ordinary way (the
 * conversation goes on); a second, if leaving hangs, ends the process at once with 130.
 */
public final class SignalInterrupts implements Interrupts {

    static final int EXIT = 130;

    @Override
    public void onInterrupt(Runnable firstInterrupt) {
        AtomicInteger count = new AtomicInteger();
        try {
            Signal.handle(new Signal("INT"), signal -> {
                if (count.incrementAndGet() == 1) {
                    firstInterrupt.run();
                } else {
                    Runtime.getRuntime().halt(EXIT);
                }
            });
        } catch (IllegalArgumentException unsupported) {
            // no SIGINT here: Ctrl-C ends the JVM as usual
        }
    }
}
