package dev.gantry.runtime.activity;

import dev.gantry.runtime.terminal.TerminalService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this sandbox was last used, by this runtime's own monotonic clock: the start and the end of every
 * authenticated call through its API. The sandbox-manager's reaper asks for it before it pauses a sandbox,
 * because the worker talks to the runtime directly and the manager sees none of that traffic.
 */
@ApplicationScoped
public class ActivityTracker {

    private final AtomicLong lastActiveNanos = new AtomicLong(System.nanoTime());
    private final TerminalService terminal;

    ActivityTracker(TerminalService terminal) {
        this.terminal = terminal;
    }

    /** Counts now as use. */
    public void touch() {
        lastActiveNanos.accumulateAndGet(System.nanoTime(), (known, now) -> now - known > 0 ? now : known);
    }

    /** The activity now; a terminal command still running counts as use, even between calls. */
    public Activity now() {
        boolean working = terminal.commandRunning();
        if (working) {
            touch();
        }
        return new Activity(Duration.ofNanos(System.nanoTime() - lastActiveNanos.get()).toMillis(), working);
    }

    /**
     * The answer of {@code GET /api/v1/activity}.
     *
     * @param idleMillis how long ago the runtime was last used (0 while busy); a duration, not an instant,
     *                   so that the manager's and the sandbox's clocks need not agree
     * @param busy       a terminal command is running
     */
    public record Activity(long idleMillis, boolean busy) {
    }
}
