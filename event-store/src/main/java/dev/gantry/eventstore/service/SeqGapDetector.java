package dev.gantry.eventstore.service;

import dev.gantry.eventstore.repository.StoredHead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the holes a batch leaves in the event logs: seq is gap-free by contract, so a stored seq
 * more than one past the previous last seq means events were lost or are still in flight.
 * An event that fills an older hole is not a new gap.
 */
final class SeqGapDetector {

    private SeqGapDetector() {
    }

    /**
     * @param headsBefore the last seq of each conversation before the batch (absent = no events)
     * @param stored      the (conversation, seq) pairs the batch stored
     */
    static List<SeqGap> gaps(List<StoredHead> headsBefore, List<StoredHead> stored) {
        Map<UUID, Long> last = new HashMap<>();
        headsBefore.forEach(head -> last.put(head.conversationId(), head.lastSeq()));
        List<SeqGap> gaps = new ArrayList<>();
        stored.stream()
                .sorted(Comparator.comparing(StoredHead::conversationId).thenComparingLong(StoredHead::lastSeq))
                .forEach(event -> {
                    long before = last.getOrDefault(event.conversationId(), 0L);
                    if (event.lastSeq() > before + 1) {
                        gaps.add(new SeqGap(event.conversationId(), before, event.lastSeq()));
                    }
                    last.put(event.conversationId(), Math.max(before, event.lastSeq()));
                });
        return gaps;
    }
}
