package dev.gantry.worker.agent;

import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.worker.messaging.CommandHandler;
import dev.gantry.worker.messaging.OwnedPartition;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The conversations this worker drives, one runner each. A runner starts with the first command of
 * its conversation this worker sees, and ends when the partition moves away or the conversation is
 * deleted. At most {@code maxConcurrentConversations} of them take a step at the same time.
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
    public void onCommand(OwnedPartition partition, long offset, ConversationCommand command) {
        UUID id = command.conversationId();
        runners.computeIfAbsent(id, key -> {
            ConversationRunner runner = new ConversationRunner(key, partition, services, stepPermits,
                    () -> runners.remove(key));
            runner.start();
            return runner;
        }).offer(offset, command);
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
