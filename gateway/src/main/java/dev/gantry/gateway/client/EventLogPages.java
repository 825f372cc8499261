package dev.gantry.gateway.client;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.gateway.api.Conversation;
import dev.gantry.gateway.api.Page;
import dev.gantry.gateway.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Pages of a conversation's event log that agree with its status. conversation-service and the event-store each
 * keep their view of the events (the status and {@code lastSeq}, the log), and nothing orders the two: right after
 * the event-store restarted, a conversation read as {@code finished} while its log still lacked the last events.
 * A page that ends the log is read again, for a short while, until it reaches the {@code lastSeq} the caller's read
 * of the conversation named, so a client that saw a status finds the events that led to it.
 */
@ApplicationScoped
public class EventLogPages {

    /** How long a page that ends short of {@code lastSeq} is read again; then it is answered as it is. */
    static final Duration CATCH_UP = Duration.ofSeconds(3);
    static final Duration PAUSE = Duration.ofMillis(100);

    private final EventStore eventStore;

    EventLogPages(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** A page of the log of {@code owned}, which the caller was just allowed to read. */
    public Uni<Page<ConversationEvent>> page(Caller caller, Conversation owned, Long afterSeq, Integer limit,
            String kind, String source, String pageId) {
        Supplier<Uni<Page<ConversationEvent>>> read =
                () -> eventStore.events(caller, owned.id(), afterSeq, limit, kind, source, pageId);
        // a filtered page cannot tell where the log ends, and a page that continues a walk by pageId is not the
        // first read of where it starts
        if (kind != null || source != null || pageId != null) {
            return read.get();
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        long from = afterSeq == null ? 0 : afterSeq;
        return readUntilCaughtUp(read, from, owned.lastSeq(), deadline);
    }

    private Uni<Page<ConversationEvent>> readUntilCaughtUp(Supplier<Uni<Page<ConversationEvent>>> read, long from,
            long lastSeq, long deadline) {
        return read.get().chain(page -> {
            if (!endsShortOf(page, from, lastSeq) || System.nanoTime() + PAUSE.toNanos() > deadline) {
                return Uni.createFrom().item(page);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(PAUSE)
                    .chain(() -> readUntilCaughtUp(read, from, lastSeq, deadline));
        });
    }

    /** The last page of the log (no next one), and its newest event older than the status's. */
    static boolean endsShortOf(Page<ConversationEvent> page, long from, long lastSeq) {
        if (page.nextPageId() != null) {
            return false;
        }
        long newest = page.items().isEmpty() ? from : page.items().get(page.items().size() - 1).seq();
        return newest < lastSeq;
    }
}
