package dev.gantry.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints events on standard output with, on a terminal, a one-line progress indicator on standard
 * error below them (a spinner, the time spent and the events seen). Off a terminal it draws nothing.
 */
final class Progress implements AutoCloseable {

    private static final String FRAMES = "|/-\\";
    private static final long FRAME_MILLIS = 125;

    private final PrintStream out;
    private final PrintStream indicator;
    private final boolean terminal;
    private final Instant start = Instant.now();
    private final ScheduledExecutorService ticker;
    private int frame;
    private int steps;

    Progress(PrintStream out, PrintStream indicator, boolean terminal) {
        this.out = out;
        this.indicator = indicator;
        this.terminal = terminal;
        this.ticker = terminal ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gantry-progress");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (terminal) {
            ticker.scheduleAtFixedRate(this::redraw, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Prints a finished line above the indicator. */
    synchronized void print(String text) {
        clear();
        out.println(text);
        steps++;
        draw();
    }

    private synchronized void redraw() {
        frame = (frame + 1) % FRAMES.length();
        clear();
        draw();
    }

    private void draw() {
        if (terminal) {
            long seconds = Duration.between(start, Instant.now()).toSeconds();
            indicator.print(FRAMES.charAt(frame) + " working " + seconds + "s, " + steps + " events");
            indicator.flush();
        }
    }

    private void clear() {
        if (terminal) {
            indicator.print("\r\033[2K");
            indicator.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (terminal) {
            ticker.shutdownNow();
            clear();
        }
    }
}
