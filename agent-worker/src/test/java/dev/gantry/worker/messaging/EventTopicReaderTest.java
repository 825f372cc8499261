package dev.gantry.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The tail of the event topic a worker reads when it takes a conversation on: each read sees its own
 * conversation's events above the seq it asks from, whether the reads run one after the other on a kept consumer
 * or many at once, more than there are consumers.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class EventTopicReaderTest {

    private static final int CONVERSATIONS = 12;
    private static final int EVENTS = 5;

    @Inject
    EventTopicReader reader;

    @Test
    void readsOfManyConversationsAtOnceEachSeeTheirOwnTail() throws Exception {
        Instant since = Instant.now();
        List<UUID> conversations = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int c = 0; c < CONVERSATIONS; c++) {
                UUID conversation = UUID.randomUUID();
                conversations.add(conversation);
                for (long seq = 1; seq <= EVENTS; seq++) {
                    ConversationEvent event = new ConversationEvent(UUID.randomUUID(), conversation, seq, Instant.now(),
                            EventSource.USER, new MessageEvent("event " + seq + " of " + conversation));
                    producer.send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, conversation.toString(),
                            GantryJson.mapper().writeValueAsString(event))).get();
                }
            }
        }

        List<Future<List<ConversationEvent>>> reads = new ArrayList<>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (UUID conversation : conversations) {
                Callable<List<ConversationEvent>> tail = () -> reader.tail(conversation, 2, since);
                reads.add(callers.submit(tail));
            }
            for (int c = 0; c < CONVERSATIONS; c++) {
                List<ConversationEvent> tail = reads.get(c).get(60, java.util.concurrent.TimeUnit.SECONDS);
                UUID conversation = conversations.get(c);
                assertThat(tail).extracting(ConversationEvent::conversationId).containsOnly(conversation);
                assertThat(tail).extracting(ConversationEvent::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(3, EVENTS).boxed().toList());
            }
        }

        // and one after the other, on the consumers the reads above kept
        assertThat(reader.tail(conversations.get(0), 0, since)).hasSize(EVENTS);
        assertThat(reader.tail(conversations.get(1), EVENTS, since)).isEmpty();
        assertThat(reader.tail(UUID.randomUUID(), 0, since.minus(Duration.ofSeconds(1)))).isEmpty();
    }
}
