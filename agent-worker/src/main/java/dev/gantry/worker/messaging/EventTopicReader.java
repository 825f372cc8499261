package dev.gantry.worker.messaging;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.worker.config.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the events of one conversation that reached the event topic after a given time. A worker that
 * takes a conversation over adds them to what the event-store holds, so its view is the topic's even
 * when the event-store lags behind. Only committed records are read: the previous owner, fenced, has
 * no open transaction left by then. Consumers, each assigned anew for each read, are kept between reads: a
 * conversation that starts does not pay for a new client's connection and metadata. Up to
 * {@code recovery.topic-readers} reads run at once, each on its own consumer (a burst of conversations starting on
 * one worker read their tails side by side, not one after the other); the others wait for a consumer.
 */
@ApplicationScoped
public class EventTopicReader {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaSettings settings;
    private final WorkerConfig config;
    private final Semaphore readers;

    /** Consumers between reads; one that failed is closed instead of kept. */
    private final Deque<KafkaConsumer<String, String>> idle = new ArrayDeque<>();
    private boolean closed;

    EventTopicReader(KafkaSettings settings, WorkerConfig config) {
        this.settings = settings;
        this.config = config;
        int topicReaders = config.recovery().topicReaders();
        if (topicReaders < 1) {
            throw new IllegalArgumentException("gantry.worker.recovery.topic-readers must be at least 1, not "
                    + topicReaders);
        }
        this.readers = new Semaphore(topicReaders, true);
    }

    /** The conversation's events with a seq above {@code afterSeq} written since {@code since}, by seq. */
    public List<ConversationEvent> tail(UUID conversationId, long afterSeq, Instant since) {
        readers.acquireUninterruptibly();
        try {
            KafkaConsumer<String, String> consumer = take();
            List<ConversationEvent> events;
            try {
                events = read(consumer, conversationId.toString(), afterSeq, since);
            } catch (RuntimeException e) {
                consumer.close(Duration.ZERO);
                throw e;
            }
            give(consumer);
            return events;
        } finally {
            readers.release();
        }
    }

    private synchronized KafkaConsumer<String, String> take() {
        if (closed) {
            throw new IllegalStateException("the event topic reader is closed: the worker is stopping");
        }
        KafkaConsumer<String, String> kept = idle.pollFirst();
        return kept != null ? kept
                : new KafkaConsumer<>(settings.eventReader(), new StringDeserializer(), new StringDeserializer());
    }

    private void give(KafkaConsumer<String, String> consumer) {
        synchronized (this) {
            if (!closed) {
                idle.addFirst(consumer);
                return;
            }
        }
        consumer.close(Duration.ZERO);
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        idle.forEach(consumer -> consumer.close(Duration.ZERO));
        idle.clear();
    }

    private List<ConversationEvent> read(KafkaConsumer<String, String> consumer, String key, long afterSeq,
            Instant since) {
        TopicPartition partition = new TopicPartition(Topics.CONVERSATION_EVENTS,
                EventPartitions.of(key, consumer.partitionsFor(Topics.CONVERSATION_EVENTS).size()));
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        OffsetAndTimestamp start = consumer.offsetsForTimes(
                Map.of(partition, since.minus(config.recovery().clockSkew()).toEpochMilli())).get(partition);
        if (start == null) {
            return List.of();
        }
        consumer.seek(partition, start.offset());
        List<ConversationEvent> events = new ArrayList<>();
        Instant deadline = Instant.now().plus(config.recovery().topicReadTimeout());
        while (consumer.position(partition) < end) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the event topic could not be read up to offset " + end
                        + " of " + partition + " in " + config.recovery().topicReadTimeout());
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                if (key.equals(record.key())) {
                    ConversationEvent event = parse(record.value());
                    if (event.seq() > afterSeq) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    private static ConversationEvent parse(String json) {
        try {
            return GantryJson.mapper().readValue(json, ConversationEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an event on " + Topics.CONVERSATION_EVENTS + " is not readable", e);
        }
    }
}
