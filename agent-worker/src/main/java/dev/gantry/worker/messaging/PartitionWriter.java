package dev.gantry.worker.messaging;

import dev.gantry.contracts.Topics;
import dev.gantry.platform.tracing.KafkaTraceHeaders;
import dev.gantry.platform.tracing.Tracing;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The single event writer of the conversations of one command partition. It writes with a
 * transactional producer whose id belongs to the partition: when another worker takes the partition,
 * its writer's {@code initTransactions} fences this one, whose next send or commit fails, so a stale
 * owner cannot add to the log. Writes queued by several conversations go out in one transaction (group
 * commit) together with the command offsets that they settle.
 *
 * <p>A step's actions may be <em>held</em>: they are sent in an open transaction and acknowledged by the
 * broker (which proves this writer is not fenced, so a stale owner never runs a tool), and the transaction
 * stays open for a short grace, so that a quick tool's observation commits together with its action, one
 * transaction per step instead of two. When the grace runs out first, the transaction commits with the
 * action alone, so that clients see a long-running action at once; the observation follows in a later one.
 */
final class PartitionWriter implements AutoCloseable {

    /** What the writer thread is asked to do. */
    private sealed interface Request permits Write, Held {
    }

    /** Events of one conversation to commit; {@code releases} is the held step they complete, if any. */
    private record Write(List<ProducerRecord<String, String>> records, List<Long> settledOffsets, Held releases,
            CompletableFuture<Void> committed) implements Request {
    }

    private static final Write CLOSE = new Write(List.of(), List.of(), null, new CompletableFuture<>());

    /** Actions sent in the open transaction, waiting (until a deadline) for the step's observation. */
    static final class Held implements Request {
        private final List<ProducerRecord<String, String>> records;
        private final Duration grace;
        private final CompletableFuture<Void> sent = new CompletableFuture<>();
        private long deadline;

        private Held(List<ProducerRecord<String, String>> records, Duration grace) {
            this.records = records;
            this.grace = grace;
        }

        /** Completes once the broker has taken the step's records. */
        CompletableFuture<Void> sent() {
            return sent;
        }
    }

    /** How often a transaction is sent again while the workers' group moves under it (about 6 s in all). */
    private static final int GROUP_MOVED_ATTEMPTS = 6;

    private final int partition;
    private final KafkaProducer<String, String> producer;
    private final CommandOffsets offsets;
    private final Supplier<ConsumerGroupMetadata> groupMetadata;
    private final Tracing tracing;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile RuntimeException failure;
    /** The command offset last committed; a transaction sends offsets only when they moved, saving two round trips. */
    private long committedOffset = -1;

    // owned by the writer thread
    private boolean open;
    private final List<Held> held = new ArrayList<>();
    private final List<Write> uncommitted = new ArrayList<>();
    /** Every record sent in the open transaction, in order: what a transaction sent again carries. */
    private final List<ProducerRecord<String, String>> inTransaction = new ArrayList<>();

    PartitionWriter(int partition, Map<String, Object> producerConfig, CommandOffsets offsets,
            Supplier<ConsumerGroupMetadata> groupMetadata, Tracing tracing) {
        this.partition = partition;
        this.tracing = tracing;
        this.offsets = offsets;
        this.groupMetadata = groupMetadata;
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        try {
            // fences any earlier owner of this partition and settles its open transaction
            producer.initTransactions();
        } catch (RuntimeException e) {
            // refused (authentication, authorization) or timed out: the producer would go on reconnecting
            producer.close(Duration.ZERO);
            throw e;
        }
        this.thread = Thread.ofVirtual().name("event-writer-" + partition).start(this::run);
    }

    /**
     * Queues records and the command offsets they settle, completing the held step {@code releases} (null:
     * none); the future completes when they are committed.
     */
    CompletableFuture<Void> write(List<ProducerRecord<String, String>> records, List<Long> settledOffsets,
            Held releases) {
        traced(records);
        Write write = new Write(records, settledOffsets, releases, new CompletableFuture<>());
        if (failure != null) {
            write.committed().completeExceptionally(failure);
        } else {
            queue.add(write);
        }
        return write.committed();
    }

    /**
     * Sends records in the open transaction and holds it open for at most {@code grace}; the future completes
     * once the broker has taken them, which a fenced writer never gets.
     */
    Held hold(List<ProducerRecord<String, String>> records, Duration grace) {
        traced(records);
        Held step = new Held(records, grace);
        if (failure != null) {
            step.sent.completeExceptionally(failure);
        } else {
            queue.add(step);
        }
        return step;
    }

    /** Called on the writing conversation's thread: the records carry the trace of the step that wrote them. */
    private void traced(List<ProducerRecord<String, String>> records) {
        Context current = Context.current();
        records.forEach(record -> KafkaTraceHeaders.inject(tracing, current, record.headers()));
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
            List<Request> requests = new ArrayList<>();
            try {
                Request first = held.isEmpty() ? queue.take()
                        : queue.poll(Math.max(0, earliestDeadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    requests.add(first);
                }
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(requests);
            boolean closing = requests.remove(CLOSE);
            try {
                if (failure == null) {
                    requests.forEach(this::take);
                    // held steps whose grace ran out are committed with their actions alone
                    if (open && (held.isEmpty() || closing || earliestDeadline() - System.nanoTime() <= 0)) {
                        commit();
                    }
                } else {
                    requests.forEach(request -> fail(request, failure));
                }
            } catch (RuntimeException e) {
                // fenced or broken: every later write fails too, the owner's conversations stop
                failure = new EventWriteFailedException("events of partition " + partition + " could not be committed: "
                        + e.getMessage(), e);
                Log.warnf("event writer of partition %d stops: %s", partition, e.toString());
                uncommitted.forEach(write -> write.committed().completeExceptionally(failure));
                uncommitted.clear();
                held.forEach(step -> step.sent.completeExceptionally(failure));
                held.clear();
                requests.forEach(request -> fail(request, failure));
                closing |= failRemaining(failure);
            }
            if (closing) {
                failRemaining(new EventWriteFailedException("the writer of partition " + partition + " is closed", null));
                return;
            }
        }
    }

    private void take(Request request) {
        switch (request) {
            case Held step -> {
                begin();
                List<Future<RecordMetadata>> acks = step.records.stream().map(this::send).toList();
                producer.flush();
                awaitAll(acks);
                step.deadline = System.nanoTime() + step.grace.toNanos();
                held.add(step);
                step.sent.complete(null);
            }
            case Write write -> {
                begin();
                write.records().forEach(this::send);
                write.settledOffsets().forEach(offsets::settled);
                uncommitted.add(write);
                held.remove(write.releases());
            }
        }
    }

    private void begin() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }

    private Future<RecordMetadata> send(ProducerRecord<String, String> record) {
        inTransaction.add(record);
        return producer.send(record);
    }

    /**
     * Commits the open transaction. When the workers' group moved to a new generation under it (a worker left or
     * joined and this one kept the partition: the offsets carry the old generation, which the broker refuses) the
     * writer is not fenced: the transaction is aborted and sent again, the same records in the same order, with
     * the group's current generation, which the command consumer's next poll brings. A writer that is fenced, or
     * whose group stays out of reach, stops.
     */
    private void commit() {
        for (int attempt = 1; ; attempt++) {
            try {
                commitOnce();
                return;
            } catch (CommitFailedException | RebalanceInProgressException | IllegalGenerationException moved) {
                if (attempt >= GROUP_MOVED_ATTEMPTS) {
                    throw moved;
                }
                Log.infof("event writer of partition %d: the workers' group moved on under the transaction (%s);"
                        + " sending its %d records again", partition, moved.getMessage(), inTransaction.size());
                producer.abortTransaction();
                open = false;
                pause(Duration.ofMillis(200L << Math.min(attempt - 1, 4)));
                List<ProducerRecord<String, String>> again = List.copyOf(inTransaction);
                inTransaction.clear();
                begin();
                awaitAll(again.stream().map(this::send).toList());
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a transaction again", e);
        }
    }

    private void commitOnce() {
        OptionalLong committable = offsets.committable();
        boolean moved = committable.isPresent() && committable.getAsLong() != committedOffset;
        if (moved) {
            producer.sendOffsetsToTransaction(
                    Map.of(new TopicPartition(Topics.CONVERSATION_COMMANDS, partition),
                            new OffsetAndMetadata(committable.getAsLong())),
                    groupMetadata.get());
        }
        producer.commitTransaction();
        open = false;
        inTransaction.clear();
        if (moved) {
            committedOffset = committable.getAsLong();
        }
        // a held step still waiting has its actions committed now; its observation goes in a later transaction
        held.clear();
        uncommitted.forEach(write -> write.committed().complete(null));
        uncommitted.clear();
    }

    private long earliestDeadline() {
        return held.stream().mapToLong(step -> step.deadline).min().orElse(System.nanoTime());
    }

    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker took a held step", e);
        }
    }

    private static void fail(Request request, RuntimeException cause) {
        switch (request) {
            case Held step -> step.sent.completeExceptionally(cause);
            case Write write -> write.committed().completeExceptionally(cause);
        }
    }

    /** Fails what is queued; true when a close was among it, which the caller must still carry out. */
    private boolean failRemaining(RuntimeException cause) {
        List<Request> rest = new ArrayList<>();
        queue.drainTo(rest);
        boolean closing = rest.remove(CLOSE);
        rest.forEach(request -> fail(request, cause));
        return closing;
    }
}
