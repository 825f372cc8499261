package dev.gantry.worker.support;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.testing.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed to {@code gantry.conversation-events}, read as a downstream consumer reads it
 * (read_committed), by conversation. One per test JVM.
 */
public final class EventTap {

    private static EventTap instance;

    private final Map<UUID, List<ConversationEvent>> events = new ConcurrentHashMap<>();
    private final Map<UUID, Long> arrivedAt = new ConcurrentHashMap<>();

    private EventTap() {
        Thread.ofPlatform().daemon().name("test-event-tap").start(this::run);
    }

    public static synchronized EventTap get() {
        if (instance == null) {
            instance = new EventTap();
        }
        return instance;
    }

    /** The conversation's events seen so far, in topic order. */
    public List<ConversationEvent> events(UUID conversationId) {
        List<ConversationEvent> list = events.get(conversationId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** When the event was read from the topic, by {@link System#nanoTime()}. */
    public long arrivedAt(UUID eventId) {
        return arrivedAt.get(eventId);
    }

    private void run() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-event-tap-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CONVERSATION_EVENTS));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    ConversationEvent event = parse(record.value());
                    arrivedAt.put(event.id(), System.nanoTime());
                    List<ConversationEvent> list = events.computeIfAbsent(event.conversationId(), k -> new ArrayList<>());
                    synchronized (list) {
                        list.add(event);
                    }
                }
            }
        }
    }

    private static ConversationEvent parse(String json) {
        try {
            return GantryJson.mapper().readValue(json, ConversationEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
