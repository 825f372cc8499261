package dev.gantry.eventstore.service;

import dev.gantry.eventstore.config.EventStoreConfig;
import dev.gantry.eventstore.repository.StoredHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The last seq this replica has stored for the conversations it has been writing, so that gap detection
 * need not ask PostgreSQL for the head of every conversation of every batch. Only the replica that holds
 * a conversation's partition of the events topic stores its events, so its memory is as good as the
 * table's for as long as it keeps the partition: a rebalance forgets everything (a partition that comes
 * back may have been written by another replica meanwhile), and so does a batch that was running while
 * the partitions changed. The least recently written conversations are forgotten beyond a bound.
 *
 * <p>What this memory decides is only whether a hole in seq is reported: what is stored is decided by the
 * table's unique key, whatever this holds.
 */
@ApplicationScoped
public class KnownHeads {

    /** The heads known when a batch started, and the conversations whose head must be read from the table. */
    public record Lookup(long generation, List<StoredHead> known, List<UUID> unknown) {
    }

    private final int capacity;
    private final Map<UUID, Long> heads;
    private long generation;

    @Inject
    public KnownHeads(EventStoreConfig config) {
        this(config.ingest().knownHeads());
    }

    KnownHeads(int capacity) {
        this.capacity = capacity;
        this.heads = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Splits a batch's conversations into those whose head is known here and those to read from the table. */
    public synchronized Lookup lookup(Collection<UUID> conversations) {
        List<StoredHead> known = new ArrayList<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID conversation : conversations) {
            Long head = heads.get(conversation);
            if (head == null) {
                unknown.add(conversation);
            } else {
                known.add(new StoredHead(conversation, head));
            }
        }
        return new Lookup(generation, known, unknown);
    }

    /**
     * Remembers the heads after a batch of the given lookup: the heads it started from and what it stored.
     * Ignored when the partitions changed since the lookup.
     */
    public synchronized void advance(Lookup lookup, List<StoredHead> headsBefore, List<StoredHead> stored) {
        if (lookup.generation() != generation) {
            return;
        }
        for (UUID conversation : lookup.unknown()) {
            heads.putIfAbsent(conversation, 0L);
        }
        for (StoredHead head : headsBefore) {
            heads.merge(head.conversationId(), head.lastSeq(), Math::max);
        }
        for (StoredHead head : stored) {
            heads.merge(head.conversationId(), head.lastSeq(), Math::max);
        }
    }

    /** A deleted conversation starts again from an empty log. */
    public synchronized void forget(UUID conversation) {
        heads.remove(conversation);
    }

    /** The partitions this replica consumes changed: what it knows may no longer be the whole story. */
    public synchronized void forgetAll() {
        heads.clear();
        generation++;
    }

    synchronized int size() {
        return heads.size();
    }
}
