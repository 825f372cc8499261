package dev.gantry.gateway.stream;

import dev.gantry.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event streams open on this replica, SSE and WebSocket together: at most {@code gantry.gateway.stream.max-open}
 * in all, which is the size of the connection pool streams have to the event-store, and at most
 * {@code gantry.gateway.stream.max-per-user} of one user's: one user's thousand open streams cannot use up what the
 * replica has for everyone.
 */
@ApplicationScoped
public class StreamSlots {

    /** Why a stream was refused a slot. */
    public enum Refusal {
        /** The user holds the most streams allowed open here: theirs to close one. */
        USER_LIMIT,
        /** This replica holds the most streams it may: another replica, or this one later, can take it. */
        REPLICA_FULL
    }

    /** A stream that may not be opened now, and why. */
    public static final class Refused extends RuntimeException {

        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final int maxPerUser;
    private final int maxOpen;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    StreamSlots(GatewayConfig config) {
        this.maxPerUser = config.stream().maxPerUser();
        this.maxOpen = config.stream().maxOpen();
    }

    /** A slot for one more stream of the user; {@link Refused} when the user or this replica has the most open. */
    public Slot acquire(String userId) {
        if (total.getAndUpdate(count -> count < maxOpen ? count + 1 : count) >= maxOpen) {
            throw new Refused(Refusal.REPLICA_FULL);
        }
        boolean[] granted = {false};
        open.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) {
            total.decrementAndGet();
            throw new Refused(Refusal.USER_LIMIT);
        }
        return new Slot(userId);
    }

    public int maxPerUser() {
        return maxPerUser;
    }

    public int maxOpen() {
        return maxOpen;
    }

    /** How many streams the user has open here. */
    int openOf(String userId) {
        return open.getOrDefault(userId, 0);
    }

    /** How many streams are open here. */
    int openInAll() {
        return total.get();
    }

    /** One open stream; released once, however often {@link #release} is called. */
    public final class Slot {

        private final String userId;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String userId) {
            this.userId = userId;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
                total.decrementAndGet();
            }
        }
    }
}
