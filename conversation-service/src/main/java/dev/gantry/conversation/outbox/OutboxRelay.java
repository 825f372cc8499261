package dev.gantry.conversation.outbox;

import dev.gantry.conversation.config.OutboxConfig;
import dev.gantry.conversation.passes.WakeablePass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes committed outbox messages to Kafka. Each pass, under a PostgreSQL advisory lock so only one
 * replica relays at a time, sends the oldest pending messages one after another, marks each sent
 * once the broker acknowledged it, and stops at the first failure so a conversation's commands keep
 * their order; what failed stays pending for the next pass. A crash after the acknowledgement and
 * before the commit sends a message again: delivery is at least once, and consumers drop repeats
 * by {@code commandId}.
 *
 * <p>A change that commits commands {@linkplain #wakeUp() wakes the relay} at once, so they go out right
 * after the commit; the periodic pass is the fallback that sends whatever that did not (a crash between the
 * commit and the send, a broker that was away, another replica holding the lock). Within this process one
 * pass runs at a time ({@link WakeablePass}). Commands held for a queued conversation wait until its admission.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final OutboxRepository outbox;
    private final KafkaRecordSender sender;
    private final OutboxConfig config;
    private final WakeablePass passes;
    /** The periodic pass also purges the old sent messages; the passes after a commit do not spend time on it. */
    private final AtomicBoolean purgeDue = new AtomicBoolean(true);

    OutboxRelay(OutboxRepository outbox, KafkaRecordSender sender, OutboxConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.passes = new WakeablePass("outbox relay", vertx, () -> relayPending(purgeDue.getAndSet(false)));
    }

    /** Returns a Uni so that the scheduler calls it on an event loop, where a pass must run (not a worker thread). */
    @Scheduled(every = "${gantry.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicPass() {
        purgeDue.set(true);
        wakeUp();
        return Uni.createFrom().voidItem();
    }

    /**
     * Has a pass run now for commands that were just committed: at once when none of this process is under
     * way, else right after the one that is. If another replica holds the lock this pass sends nothing, and the
     * periodic pass sends what it leaves.
     */
    public void wakeUp() {
        passes.wakeUp();
    }

    /** One pass, with the purge of the old sent messages. */
    public Uni<Void> relayPending() {
        return relayPending(true).replaceWithVoid();
    }

    /**
     * One pass: the pending messages that Kafka acknowledged are marked sent (and, if asked, the old sent ones
     * purged); answers true when a full batch was sent, so more may be pending.
     */
    Uni<Boolean> relayPending(boolean purge) {
        return Panache.withTransaction(() -> outbox.tryLockRelay().flatMap(locked -> {
            if (!locked) {
                return Uni.createFrom().item(false);
            }
            Context context = Vertx.currentContext();
            // the broker's callbacks come on a Kafka thread; the reactive session must be used on its own context
            Executor onSessionContext = task -> context.runOnContext(ignored -> task.run());
            return outbox.pending(config.batchSize())
                    .flatMap(batch -> sendInOrder(batch, 0, onSessionContext)
                            .map(sentAll -> sentAll && batch.size() == config.batchSize()))
                    .call(() -> purge ? outbox.purgeSentBefore(Instant.now().minus(config.retention()))
                            : Uni.createFrom().voidItem());
        }));
    }

    /** Sends the batch from {@code index} on, in order; answers false when one failed (it and the rest stay pending). */
    private Uni<Boolean> sendInOrder(List<OutboxMessage> batch, int index, Executor onSessionContext) {
        if (index == batch.size()) {
            return Uni.createFrom().item(true);
        }
        OutboxMessage message = batch.get(index);
        return sender.send(message.topic, message.recordKey, message.payload, message.traceparent)
                .emitOn(onSessionContext)
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    message.attempts++;
                    if (failure != null) {
                        message.lastError = truncate(failure.toString());
                        Log.warnf("outbox: %s %s to %s not sent (attempt %d), kept for the next pass: %s",
                                message.kind, message.commandId, message.topic, message.attempts, message.lastError);
                        return Uni.createFrom().item(false);
                    }
                    message.sentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    message.lastError = null;
                    return sendInOrder(batch, index + 1, onSessionContext);
                });
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
