package dev.gantry.eventstore.service;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.repository.StoredHead;
import dev.gantry.eventstore.stream.LiveEventPublisher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Adds a batch of events to the log: stores the new ones in one statement, reports the holes in
 * seq they reveal (against the heads this replica knows, or reads with the insert), then hands what
 * it stored to the announcements for the live streams of every replica. Running a batch twice stores
 * and announces nothing the second time.
 */
@ApplicationScoped
public class EventIngestor {

    private final EventRepository repository;
    private final LiveEventPublisher publisher;
    private final IngestMetrics metrics;
    private final KnownHeads knownHeads;

    public EventIngestor(EventRepository repository, LiveEventPublisher publisher, IngestMetrics metrics,
            KnownHeads knownHeads) {
        this.repository = repository;
        this.publisher = publisher;
        this.metrics = metrics;
        this.knownHeads = knownHeads;
    }

    public Uni<IngestResult> ingest(List<ConversationEvent> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new IngestResult(0, List.of(), List.of()));
        }
        List<ConversationEvent> events = batch.stream().map(EventIngestor::atStoredPrecision).toList();
        // deferred, so that a retry measures its own try
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            KnownHeads.Lookup heads = knownHeads.lookup(conversations(events));
            return repository.insertNew(events, heads.unknown())
                    .invoke(insert -> knownHeads.advance(heads, insert.headsBefore(), insert.stored()))
                    .map(insert -> new IngestResult(events.size(), storedEvents(events, insert.stored()),
                            SeqGapDetector.gaps(concat(heads.known(), insert.headsBefore()), insert.stored())))
                    .invoke(this::report)
                    .invoke(result -> publisher.publish(result.stored()))
                    .invoke(result -> metrics.batchDone(events.size(), System.nanoTime() - start));
        });
    }

    private void report(IngestResult result) {
        metrics.recorded(result);
        for (SeqGap gap : result.gaps()) {
            Log.warnf("conversation %s: seq %d stored while its log ended at %d, %d event(s) missing",
                    gap.conversationId(), gap.nextSeq(), gap.lastSeqBefore(), gap.missing());
        }
    }

    /**
     * PostgreSQL keeps microseconds: the event is announced live exactly as it will read back from
     * the log, so a client sees the same event whichever way it arrives.
     */
    private static ConversationEvent atStoredPrecision(ConversationEvent event) {
        return new ConversationEvent(event.id(), event.conversationId(), event.seq(),
                event.timestamp().truncatedTo(ChronoUnit.MICROS), event.source(), event.payload());
    }

    private static Set<UUID> conversations(List<ConversationEvent> events) {
        Set<UUID> conversations = new LinkedHashSet<>();
        events.forEach(event -> conversations.add(event.conversationId()));
        return conversations;
    }

    private static List<StoredHead> concat(List<StoredHead> known, List<StoredHead> read) {
        List<StoredHead> heads = new ArrayList<>(known.size() + read.size());
        heads.addAll(known);
        heads.addAll(read);
        return heads;
    }

    /** The events of the batch that were stored now, each once, in the batch's order. */
    private static List<ConversationEvent> storedEvents(List<ConversationEvent> events, List<StoredHead> stored) {
        Set<StoredHead> pending = new HashSet<>(stored);
        return events.stream()
                .filter(event -> pending.remove(new StoredHead(event.conversationId(), event.seq())))
                .toList();
    }
}
