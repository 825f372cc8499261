package dev.gantry.conversation.outbox;

import dev.gantry.conversation.config.OutboxConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Takes committed outbox messages to Kafka. Each pass, under a PostgreSQL advisory lock so only one
 * replica relays at a time, sends the oldest pending messages one after another, marks each sent
 * once the broker acknowledged it, and stops at the first failure so a conversation's commands keep
 * their order; what failed stays pending for the next pass. A crash after the acknowledgement and
 * before the commit sends a message again: delivery is at least once, and consumers drop repeats
 * by {@code commandId}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final OutboxRepository outbox;
    private final KafkaRecordSender sender;
    private final OutboxConfig config;
    private final Vertx vertx;

    OutboxRelay(OutboxRepository outbox, KafkaRecordSender sender, OutboxConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
    }

    @Scheduled(every = "${gantry.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relayPass() {
        return relayPending().onFailure().invoke(failure -> Log.warnf("outbox relay pass failed: %s", failure.toString()));
    }

    /**
     * Starts a pass now, on its own context, for commands that were just committed. If another pass
     * holds the lock this one does nothing, and the periodic pass sends what it leaves.
     */
    public void wakeUp() {
        VertxContext.getOrCreateDuplicatedContext(vertx)
                .runOnContext(ignored -> relayPass().subscribeAsCompletionStage());
    }

    /** One pass: the pending messages that Kafka acknowledged are marked sent, the old sent ones purged. */
    public Uni<Void> relayPending() {
        return Panache.withTransaction(() -> outbox.tryLockRelay().flatMap(locked -> {
            if (!locked) {
                return Uni.createFrom().voidItem();
            }
            Context context = Vertx.currentContext();
            // the broker's callbacks come on a Kafka thread; the reactive session must be used on its own context
            Executor onSessionContext = task -> context.runOnContext(ignored -> task.run());
            return outbox.pending(config.batchSize())
                    .flatMap(batch -> sendInOrder(batch, 0, onSessionContext))
                    .call(() -> outbox.purgeSentBefore(Instant.now().minus(config.retention())));
        }));
    }

    private Uni<Void> sendInOrder(List<OutboxMessage> batch, int index, Executor onSessionContext) {
        if (index == batch.size()) {
            return Uni.createFrom().voidItem();
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
                        return Uni.createFrom().voidItem();
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
