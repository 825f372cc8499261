package dev.gantry.eventstore.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.ConversationCommand;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.testing.KafkaTestResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Events for tests, and a producer that puts them on the topics as the agent-worker would. */
public final class TestEvents {

    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    public static ConversationEvent message(UUID conversationId, long seq) {
        return event(conversationId, seq, EventSource.AGENT, new MessageEvent("message " + seq));
    }

    public static ConversationEvent event(UUID conversationId, long seq, EventSource source, EventPayload payload) {
        return ConversationEvent.of(conversationId, seq, Instant.now(), source, payload);
    }

    /** Messages {@code from..to} of a conversation, in order. */
    public static List<ConversationEvent> messages(UUID conversationId, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> message(conversationId, seq)).toList();
    }

    /** Sends the events to gantry.conversation-events, keyed by conversation, and waits for the broker. */
    public static void produce(List<ConversationEvent> events) {
        List<Future<RecordMetadata>> sent = events.stream()
                .map(event -> producer().send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS,
                        event.conversationId().toString(), json(event))))
                .toList();
        producer().flush();
        sent.forEach(TestEvents::acknowledged);
    }

    public static void produceCommand(ConversationCommand command) {
        send(Topics.CONVERSATION_COMMANDS, command.conversationId().toString(), json(command));
    }

    /** Sends a record value as is, for records that are not valid events. */
    public static void produceRaw(String topic, String key, String value) {
        send(topic, key, value);
    }

    public static String json(Object value) {
        try {
            return GantryJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void send(String topic, String key, String value) {
        acknowledged(producer().send(new ProducerRecord<>(topic, key, value)));
    }

    private static void acknowledged(Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce a record", e.getCause());
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
