package dev.gantry.sandbox.launcher.process;

import dev.gantry.sandbox.launcher.LaunchException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * How many local runtimes start at once, and whose start goes next. A runtime's start is a JVM's start, mostly CPU
 * (about 1.3 CPU-seconds with the start-up archive): a hundred started together on two cores compete for them, each
 * takes a hundred times longer, and those past the start timeout are killed and started again, which costs more of
 * the same CPU. At most {@code limit} start at once; the others wait their turn, no longer than the start timeout.
 *
 * <p>Turns go round the users who wait, one start each, in the order they first came; a user's own starts go in
 * the order they came. One user's burst of twenty conversations therefore delays another user's single start by one
 * start at most, not by the twenty: no user's load degrades another's service. Warm-pool starts (no user yet) go
 * only when no user's start waits: a pool refill never delays a user.
 */
final class StartGate {

    /** One start waiting for its turn. */
    private static final class Ticket {
        private boolean admitted;
    }

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turn = lock.newCondition();
    /** The users with starts waiting, in the order of their turns; a user's starts in their order. */
    private final Map<String, ArrayDeque<Ticket>> byUser = new HashMap<>();
    private final ArrayDeque<String> rotation = new ArrayDeque<>();
    private final ArrayDeque<Ticket> pool = new ArrayDeque<>();
    private int starting;
    private int waiting;
    private int peak;

    StartGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("concurrent-starts must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** {@link #admit(Optional, Instant, Supplier)} for a start of no user (a warm-pool one). */
    <T> T admit(Instant deadline, Supplier<T> start) {
        return admit(Optional.empty(), deadline, start);
    }

    /**
     * Runs {@code start} once it is its turn and fewer than the limit are starting, waiting for that until
     * {@code deadline}.
     *
     * @param user whose sandbox starts; empty for a warm-pool start, which has none yet
     */
    <T> T admit(Optional<String> user, Instant deadline, Supplier<T> start) {
        Ticket ticket = new Ticket();
        lock.lock();
        try {
            enqueue(user, ticket);
            admitWhatFits();
            long nanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
            while (!ticket.admitted) {
                if (nanos <= 0) {
                    withdraw(user, ticket);
                    throw new LaunchException("the runtime did not get its turn to start: " + limit
                            + " runtimes were starting for the whole start timeout");
                }
                nanos = turn.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            if (!ticket.admitted) {
                withdraw(user, ticket);
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for a turn to start", e);
            }
            Thread.currentThread().interrupt(); // admitted meanwhile: start, and keep the interrupt
        } finally {
            lock.unlock();
        }
        try {
            return start.get();
        } finally {
            lock.lock();
            try {
                starting--;
                admitWhatFits();
            } finally {
                lock.unlock();
            }
        }
    }

    private void enqueue(Optional<String> user, Ticket ticket) {
        waiting++;
        if (user.isEmpty()) {
            pool.add(ticket);
            return;
        }
        byUser.computeIfAbsent(user.get(), name -> {
            rotation.add(name);
            return new ArrayDeque<>();
        }).add(ticket);
    }

    /** Takes a ticket that gave up out of the queues (under the lock). */
    private void withdraw(Optional<String> user, Ticket ticket) {
        waiting--;
        if (user.isEmpty()) {
            pool.remove(ticket);
            return;
        }
        ArrayDeque<Ticket> queue = byUser.get(user.get());
        if (queue != null && queue.remove(ticket) && queue.isEmpty()) {
            byUser.remove(user.get());
            rotation.remove(user.get());
        }
    }

    /** Admits the next tickets while there is room (under the lock). */
    private void admitWhatFits() {
        boolean admittedAny = false;
        while (starting < limit) {
            Ticket next = next();
            if (next == null) {
                break;
            }
            next.admitted = true;
            waiting--;
            starting++;
            peak = Math.max(peak, starting);
            admittedAny = true;
        }
        if (admittedAny) {
            turn.signalAll();
        }
    }

    /** The user whose turn it is gives their oldest start and goes to the back; the pool only when no user waits. */
    private Ticket next() {
        String user = rotation.poll();
        if (user == null) {
            return pool.poll();
        }
        ArrayDeque<Ticket> queue = byUser.get(user);
        Ticket ticket = queue.poll();
        if (queue.isEmpty()) {
            byUser.remove(user);
        } else {
            rotation.add(user);
        }
        return ticket;
    }

    int starting() {
        lock.lock();
        try {
            return starting;
        } finally {
            lock.unlock();
        }
    }

    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** The most runtimes that were starting at the same time since this gate was made. */
    int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }
}
