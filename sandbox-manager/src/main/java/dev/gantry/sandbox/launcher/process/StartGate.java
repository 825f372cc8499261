package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.launcher.LaunchException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How many local runtimes start at once. A runtime's start is a JVM's start, mostly CPU (about 0.7 s of it with the
 * start-up archive): a hundred started together on two cores compete for them, each takes a hundred times longer,
 * and those past the start timeout are killed and started again, which costs more of the same CPU. Admitted in the
 * order they came (a fair semaphore), the first ones answer within their own start time and the whole batch takes
 * about as long as one after the other on every core. A start waits for its turn no longer than the start timeout.
 */
final class StartGate {

    private final Semaphore permits;
    private final int limit;
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    StartGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("concurrent-starts must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit, true);
    }

    /** Runs {@code start} once fewer than the limit are starting, waiting for that until {@code deadline}. */
    <T> T admit(Instant deadline, Supplier<T> start) {
        waiting.incrementAndGet();
        try {
            long nanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
            if (!permits.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
                throw new LaunchException("the runtime did not get its turn to start: " + limit
                        + " runtimes were starting for the whole start timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for a turn to start", e);
        } finally {
            waiting.decrementAndGet();
        }
        peak.accumulateAndGet(starting.incrementAndGet(), Math::max);
        try {
            return start.get();
        } finally {
            starting.decrementAndGet();
            permits.release();
        }
    }

    int starting() {
        return starting.get();
    }

    int waiting() {
        return waiting.get();
    }

    /** The most runtimes that were starting at the same time since this gate was made. */
    int peak() {
        return peak.get();
    }
}
