package dev.gantry.gateway.stream;

import dev.gantry.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event streams each user holds open on this replica, SSE and WebSocket together, capped at
 * {@code gantry.gateway.stream.max-per-user}: one user's thousand open streams cannot use up what the
 * replica has for everyone.
 */
@ApplicationScoped
public class StreamSlots {

    private final int maxPerUser;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    StreamSlots(GatewayConfig config) {
        this.maxPerUser = config.stream().maxPerUser();
    }

    /** A slot for one more stream of the user, or empty when the user has the most allowed open. */
    public Optional<Slot> acquire(String userId) {
        boolean[] granted = {false};
        open.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0] ? Optional.of(new Slot(userId)) : Optional.empty();
    }

    public int maxPerUser() {
        return maxPerUser;
    }

    /** How many streams the user has open here. */
    int openOf(String userId) {
        return open.getOrDefault(userId, 0);
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
            }
        }
    }
}
