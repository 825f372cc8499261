package dev.gantry.worker.messaging;

import dev.gantry.contracts.command.ConversationCommand;

/** Takes the commands this worker consumes; called on the consumer's thread, so it must not block. */
public interface CommandHandler {

    void onCommand(OwnedPartition partition, long offset, ConversationCommand command);

    /** The partition moved to another worker (or this one stops): its conversations must stop writing. */
    void onPartitionLost(int partition);
}
