package dev.gantry.conversation.admission;

import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.config.ConversationConfig;
import dev.gantry.conversation.repository.ConversationEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bounds how many conversations run at once: {@code gantry.conversations.admission.max-running} for the platform and
 * {@code max-running-per-user} for each user. A conversation that is to run (created with a message, or sent one
 * that sets it going) runs at once while there is a place; otherwise it is queued (status {@code queued}) and the
 * commands it is given are held in the outbox until the {@link AdmissionPass} lets it run. What runs is counted
 * from the conversations' status ({@code running}), which admission sets and the agent's events keep current; one
 * that has written nothing for {@code stale-after} is not counted.
 *
 * <p>The decisions take a PostgreSQL advisory lock for the rest of their transaction, so two creates, or a create and
 * a pass, never both take the last place, across replicas. A create does not wait for the lock: one that finds it
 * taken (a burst of creates, or a pass under way) is queued, and the pass it wakes after its commit lets it run at
 * once if there is room. Waiting would hold a database connection per waiting create: in a load run of 100 users,
 * the creates queued up on the lock took every connection of the pool, and every other request of the service
 * (settings, reads) waited past the gateway's timeout.
 */
@ApplicationScoped
public class Admission {

    /** Any fixed number: it names admission's lock among the application's advisory locks (the outbox relay's is 01). */
    private static final long ADMISSION_LOCK = 0x6761_6e74_7279_02L;
    /**
     * What holds a place, in SQL over the {@code conversation} table, for both the decision on one conversation and the
     * pass: running, and written to within {@code stale-after} (bound as {@code :staleBefore}).
     */
    private static final String HOLDS_A_PLACE = "status = 'RUNNING' and updated_at > :staleBefore";

    private final ConversationConfig.Admission config;
    private final int maxRunning;

    Admission(ConversationConfig config) {
        this.config = config.admission();
        this.maxRunning = this.config.maxRunningOrDefault();
        if (maxRunning < 1 || this.config.maxRunningPerUser() < 1) {
            throw new IllegalArgumentException("gantry.conversations.admission.max-running and max-running-per-user"
                    + " must be at least 1, were " + maxRunning + " and " + this.config.maxRunningPerUser());
        }
        if (this.config.enabled()) {
            Log.infof("admission: at most %d conversations run at once, %d of one user's", maxRunning,
                    this.config.maxRunningPerUser());
        }
    }

    /**
     * Lets the conversation (new or not) run now, setting its status {@code running}, or queues it; answers the id to
     * hold its commands for, null when it runs now. In the caller's transaction, which holds admission's lock from
     * here to its end if it got it. It runs now when it got the lock, both the platform and its owner have a free
     * place, and nobody waits who could take it: a newcomer never passes a queued conversation that may run. The
     * caller wakes the {@link AdmissionPass} after its commit when it was queued.
     */
    public Uni<UUID> runOrQueue(ConversationEntity conversation, Instant now) {
        if (!config.enabled()) {
            return Uni.createFrom().item(run(conversation, now));
        }
        return tryLock().flatMap(locked -> locked ? decide(conversation, now)
                : Uni.createFrom().item(() -> queue(conversation, now, "admission is deciding for others")));
    }

    private Uni<UUID> decide(ConversationEntity conversation, Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        with running as (select owner_id, count(*) as n from conversation where %s
                                         group by owner_id)
                        select (select coalesce(sum(n), 0) from running),
                               (select coalesce(max(n), 0) from running where owner_id = :owner),
                               (select count(*) from conversation q where q.status = 'QUEUED'
                                  and coalesce((select n from running r where r.owner_id = q.owner_id), 0) < :perUser)
                        """.formatted(HOLDS_A_PLACE), Object[].class)
                .setParameter("owner", conversation.ownerId)
                .setParameter("perUser", config.maxRunningPerUser())
                .setParameter("staleBefore", now.minus(config.staleAfter()))
                .getSingleResult())
                .map(counts -> {
                    long running = ((Number) counts[0]).longValue();
                    long ownerRunning = ((Number) counts[1]).longValue();
                    long waitingThatMayRun = ((Number) counts[2]).longValue();
                    if (running < maxRunning && ownerRunning < config.maxRunningPerUser() && waitingThatMayRun == 0) {
                        return run(conversation, now);
                    }
                    return queue(conversation, now, "%d running of %d, %d of the owner's of %d, %d waiting".formatted(
                            running, maxRunning, ownerRunning, config.maxRunningPerUser(), waitingThatMayRun));
                });
    }

    /** Sets it running: nothing is held for it (null). */
    private static UUID run(ConversationEntity conversation, Instant now) {
        conversation.status = ExecutionStatus.RUNNING;
        conversation.queuedAt = null;
        conversation.updatedAt = now;
        return null;
    }

    private static UUID queue(ConversationEntity conversation, Instant now, String why) {
        conversation.status = ExecutionStatus.QUEUED;
        conversation.queuedAt = now;
        conversation.updatedAt = now;
        Log.infof("conversation %s of %s queued: %s", conversation.id, conversation.ownerId, why);
        return conversation.id;
    }

    /** Whether anything is queued, read without the lock: a pass with nothing to do does not take it. */
    Uni<Boolean> anyQueued() {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select count(*) from ConversationEntity where status = :queued", Long.class)
                .setParameter("queued", ExecutionStatus.QUEUED)
                .getSingleResult())
                .map(count -> count > 0);
    }

    /** The queue, oldest first, up to {@code max}; in the caller's transaction, after {@link #lock()}. */
    Uni<List<AdmissionPlan.Queued>> queued(int max) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select id, ownerId from ConversationEntity where status = :queued order by queuedAt, id",
                        Object[].class)
                .setParameter("queued", ExecutionStatus.QUEUED)
                .setMaxResults(max)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new AdmissionPlan.Queued((UUID) row[0], (String) row[1])).toList());
    }

    /** How many conversations of each owner run now (owners with none left out; stale ones not counted). */
    Uni<Map<String, Long>> runningByOwner(Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select owner_id, count(*) from conversation where " + HOLDS_A_PLACE + " group by owner_id",
                        Object[].class)
                .setParameter("staleBefore", now.minus(config.staleAfter()))
                .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (String) row[0],
                        row -> ((Number) row[1]).longValue())));
    }

    /** Sets the queued conversations running; answers how many were still queued (a delete may have come first). */
    Uni<Integer> admit(List<UUID> ids, Instant now) {
        return Panache.getSession().flatMap(session -> session.createMutationQuery(
                        "update ConversationEntity set status = :running, queuedAt = null, updatedAt = :now"
                                + " where id in :ids and status = :queued")
                .setParameter("running", ExecutionStatus.RUNNING)
                .setParameter("queued", ExecutionStatus.QUEUED)
                .setParameter("now", now)
                .setParameter("ids", ids)
                .executeUpdate());
    }

    ConversationConfig.Admission config() {
        return config;
    }

    /** The most conversations that run at once: the setting, or its default for this machine. */
    int maxRunning() {
        return maxRunning;
    }

    /** Takes admission's lock until the end of the current transaction if nobody holds it; answers whether it did. */
    private Uni<Boolean> tryLock() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                .setParameter("lock", ADMISSION_LOCK)
                .getSingleResult());
    }

    /** Takes admission's lock until the end of the current transaction, waiting for whoever holds it. */
    Uni<Void> lock() {
        return Panache.getSession().flatMap(session -> session
                        .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:lock)) as locked", Long.class)
                        .setParameter("lock", ADMISSION_LOCK)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
