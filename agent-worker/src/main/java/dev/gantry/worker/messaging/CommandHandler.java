package dev.gantry.worker.messaging;

import dev.gantry.contracts.command.ConversationCommand;
import io.opentelemetry.context.Context;

/** Takes the commands this worker consumes; called on the consumer's thread, so it must not block. */
public interface CommandHandler {

    /** {@code trace}: the context the command's record carried, which the work it causes continues. */
    void onCommand(OwnedPartition partition, long offset, ConversationCommand command, Context trace);

    /** The partition moved to another worker (or this one stops): its conversations must stop writing. */
    void onPartitionLost(int partition);
}
