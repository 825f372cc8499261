package dev.gantry.worker.messaging;

import java.util.List;
import java.util.UUID;

/** A command partition this worker owns, with its fenced event writer. */
public final class OwnedPartition {

    private final int partition;
    private final PartitionWriter writer;

    OwnedPartition(int partition, PartitionWriter writer) {
        this.partition = partition;
        this.writer = writer;
    }

    public int partition() {
        return partition;
    }

    /** The event log of a conversation of this partition, continuing after {@code lastSeq}. */
    public EventLog eventLog(UUID conversationId, long lastSeq) {
        return new EventLog(conversationId, writer, lastSeq);
    }

    /** Settles command offsets that caused no event, with the next transaction of the partition. */
    public void settle(List<Long> offsets) {
        if (!offsets.isEmpty()) {
            writer.write(List.of(), offsets, null);
        }
    }

    void close() {
        writer.close();
    }
}
