package dev.gantry.worker.agent;

import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.worker.messaging.CommandHandler;
import dev.gantry.worker.messaging.OwnedPartition;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The conversations this worker drives, one runner each. A runner starts with the first command of
 * its conversation this worker sees, and ends when the partition moves away, the conversation is
 * deleted, or it has been at rest for {@code idleEviction} (its next command reads it back from the log). At most {@code maxConcurrentConversations} of them take a step at the same time.
 */
@Singleton
class Conversations implements CommandHandler {

    private final AgentServices services;
    private final Semaphore stepPermits;
    private final Map<UUID, ConversationRunner> runners = new ConcurrentHashMap<>();

    Conversations(AgentServices services) {
        this.services = services;
        this.stepPermits = new Semaphore(services.config().maxConcurrentConversations(), true);
    }

    @Override
    public void onCommand(OwnedPartition partition, long offset, ConversationCommand command, Context trace) {
        // compute, not computeIfAbsent + offer: a runner that is leaving must not miss the command
        runners.compute(command.conversationId(), (id, existing) -> {
            ConversationRunner runner = existing;
            if (runner == null) {
                runner = new ConversationRunner(id, partition, services, stepPermits, this::leave,
                        gone -> runners.remove(gone.conversationId(), gone));
                runner.start();
            }
            runner.offer(offset, command, trace);
            return runner;
        });
    }

    /** A runner at rest asks to leave; it may not if a command came for it meanwhile. */
    private boolean leave(ConversationRunner runner) {
        boolean[] left = {false};
        runners.computeIfPresent(runner.conversationId(), (id, current) -> {
            if (current == runner && runner.hasNoCommands()) {
                left[0] = true;
                return null;
            }
            return current;
        });
        return left[0];
    }

    @Override
    public void onPartitionLost(int partition) {
        runners.values().removeIf(runner -> {
            if (runner.partition() == partition) {
                runner.halt();
                return true;
            }
            return false;
        });
    }
}
