package dev.gantry.worker.messaging;

import dev.gantry.contracts.Topics;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The single event writer of the conversations of one command partition. It writes with a
 * transactional producer whose id belongs to the partition: when another worker takes the partition,
 * its writer's {@code initTransactions} fences this one, whose next commit fails, so a stale owner
 * cannot add to the log. Batches queued by several conversations go out in one transaction (group
 * commit) together with the command offsets that they settle.
 */
final class PartitionWriter implements AutoCloseable {

    private record Batch(List<ProducerRecord<String, String>> records, List<Long> settledOffsets,
            CompletableFuture<Void> written) {
    }

    private static final Batch CLOSE = new Batch(List.of(), List.of(), new CompletableFuture<>());

    private final int partition;
    private final KafkaProducer<String, String> producer;
    private final CommandOffsets offsets;
    private final Supplier<ConsumerGroupMetadata> groupMetadata;
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile RuntimeException failure;
    /** The command offset last committed; a transaction sends offsets only when they moved, saving two round trips. */
    private long committedOffset = -1;

    PartitionWriter(int partition, Map<String, Object> producerConfig, CommandOffsets offsets,
            Supplier<ConsumerGroupMetadata> groupMetadata) {
        this.partition = partition;
        this.offsets = offsets;
        this.groupMetadata = groupMetadata;
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        // fences any earlier owner of this partition and settles its open transaction
        producer.initTransactions();
        this.thread = Thread.ofVirtual().name("event-writer-" + partition).start(this::run);
    }

    /** Queues records and the command offsets they settle; completes when they are committed. */
    CompletableFuture<Void> write(List<ProducerRecord<String, String>> records, List<Long> settledOffsets) {
        Batch batch = new Batch(records, settledOffsets, new CompletableFuture<>());
        if (failure != null) {
            batch.written().completeExceptionally(failure);
        } else {
            queue.add(batch);
        }
        return batch.written();
    }

    @Override
    public void close() {
        queue.add(CLOSE);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }

    private void run() {
        while (true) {
            List<Batch> batches = new ArrayList<>();
            try {
                batches.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batches);
            boolean closing = batches.remove(CLOSE);
            if (!batches.isEmpty()) {
                commit(batches);
            }
            if (closing) {
                failRemaining(new EventWriteFailedException("the writer of partition " + partition + " is closed", null));
                return;
            }
        }
    }

    private void commit(List<Batch> batches) {
        if (failure != null) {
            batches.forEach(b -> b.written().completeExceptionally(failure));
            return;
        }
        try {
            producer.beginTransaction();
            for (Batch batch : batches) {
                batch.records().forEach(producer::send);
            }
            batches.forEach(b -> b.settledOffsets().forEach(offsets::settled));
            OptionalLong committable = offsets.committable();
            boolean moved = committable.isPresent() && committable.getAsLong() != committedOffset;
            if (moved) {
                producer.sendOffsetsToTransaction(
                        Map.of(new TopicPartition(Topics.CONVERSATION_COMMANDS, partition),
                                new OffsetAndMetadata(committable.getAsLong())),
                        groupMetadata.get());
            }
            producer.commitTransaction();
            if (moved) {
                committedOffset = committable.getAsLong();
            }
            batches.forEach(b -> b.written().complete(null));
        } catch (RuntimeException e) {
            // fenced or broken: every later write fails too, the owner's conversations stop
            failure = new EventWriteFailedException("events of partition " + partition + " could not be committed: "
                    + e.getMessage(), e);
            Log.warnf("event writer of partition %d stops: %s", partition, e.toString());
            batches.forEach(b -> b.written().completeExceptionally(failure));
            failRemaining(failure);
        }
    }

    private void failRemaining(RuntimeException cause) {
        List<Batch> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.stream().filter(b -> b != CLOSE).forEach(b -> b.written().completeExceptionally(cause));
    }
}
