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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the events of one conversation that reached the event topic after a given time. A worker that
 * takes a conversation over adds them to what the event-store holds, so its view is the topic's even
 * when the event-store lags behind. Only committed records are read: the previous owner, fenced, has
 * no open transaction left by then. One consumer, assigned anew for each read, serves every read of this
 * worker: a conversation that starts does not pay for a new client's connection and metadata.
 */
@ApplicationScoped
public class EventTopicReader {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaSettings settings;
    private final WorkerConfig config;

    /** Opened on the first read, closed (and opened again by the next) when a read fails. */
    private KafkaConsumer<String, String> consumer;

    EventTopicReader(KafkaSettings settings, WorkerConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** The conversation's events with a seq above {@code afterSeq} written since {@code since}, by seq. */
    public synchronized List<ConversationEvent> tail(UUID conversationId, long afterSeq, Instant since) {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(settings.eventReader(), new StringDeserializer(), new StringDeserializer());
        }
        try {
            return read(consumer, conversationId.toString(), afterSeq, since);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ZERO);
            consumer = null;
        }
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
