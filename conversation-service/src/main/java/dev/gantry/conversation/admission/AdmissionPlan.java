package dev.gantry.conversation.admission;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which queued conversations may run now: as many as the platform's free places allow, taken in turns across their
 * owners (each owner's oldest first, owners in the order of their oldest), and never more of one owner's than that
 * owner's free places. One user's hundred queued conversations therefore do not make another user's one wait for
 * all of them.
 */
public final class AdmissionPlan {

    /** A conversation waiting for a place, as the queue holds it. */
    public record Queued(UUID id, String ownerId) {
    }

    private AdmissionPlan() {
    }

    /**
     * @param queued the queue, oldest first
     * @param runningByOwner how many conversations of each owner run now (owners not in it run none)
     * @return the conversations to let run, in the order they were chosen
     */
    public static List<UUID> choose(List<Queued> queued, Map<String, Long> runningByOwner, int maxRunning,
            int maxRunningPerUser) {
        long running = runningByOwner.values().stream().mapToLong(Long::longValue).sum();
        long free = maxRunning - running;
        Map<String, Deque<UUID>> byOwner = new LinkedHashMap<>();
        for (Queued conversation : queued) {
            byOwner.computeIfAbsent(conversation.ownerId(), owner -> new ArrayDeque<>()).add(conversation.id());
        }
        Map<String, Long> taken = new LinkedHashMap<>(runningByOwner);
        List<UUID> chosen = new ArrayList<>();
        boolean tookOne = true;
        while (free > 0 && tookOne) {
            tookOne = false;
            for (Map.Entry<String, Deque<UUID>> owner : byOwner.entrySet()) {
                if (free == 0) {
                    break;
                }
                long ownerRunning = taken.getOrDefault(owner.getKey(), 0L);
                if (owner.getValue().isEmpty() || ownerRunning >= maxRunningPerUser) {
                    continue;
                }
                chosen.add(owner.getValue().poll());
                taken.put(owner.getKey(), ownerRunning + 1);
                free--;
                tookOne = true;
            }
        }
        return chosen;
    }
}
