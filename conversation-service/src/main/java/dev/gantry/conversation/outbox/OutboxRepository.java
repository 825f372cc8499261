package dev.gantry.conversation.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxMessage> {

    /** Any fixed number: it names the relay's lock among the application's advisory locks. */
    private static final long RELAY_LOCK = 0x6761_6e74_7279_01L;

    /**
     * Takes the relay lock for the current transaction if no other replica holds it. One relay at a
     * time keeps the send order equal to the commit order across replicas.
     */
    public Uni<Boolean> tryLockRelay() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult());
    }

    /** The oldest messages not yet sent and not held for a queued conversation, in the order they were written. */
    public Uni<List<OutboxMessage>> pending(int max) {
        return find("sentAt is null and heldFor is null", Sort.by("id")).range(0, max - 1).list();
    }

    /** Lets the relay send what was held for these conversations, in the order it was written; answers how many. */
    public Uni<Integer> release(List<UUID> conversations) {
        return conversations.isEmpty() ? Uni.createFrom().item(0)
                : update("heldFor = null where heldFor in ?1", conversations);
    }

    /** Forgets what was held for the conversation (it is deleted before it ran: nobody ever saw those commands). */
    public Uni<Long> dropHeld(UUID conversation) {
        return delete("heldFor = ?1", conversation);
    }

    public Uni<Long> purgeSentBefore(Instant cutoff) {
        return delete("sentAt < ?1", cutoff);
    }
}
