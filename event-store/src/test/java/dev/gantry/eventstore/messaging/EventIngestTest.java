package dev.gantry.eventstore.messaging;

import static dev.gantry.eventstore.support.Awaits.STORED_WITHIN;
import static dev.gantry.eventstore.support.Awaits.awaitHead;
import static dev.gantry.eventstore.support.Callers.given;
import static dev.gantry.eventstore.support.TestEvents.messages;
import static dev.gantry.eventstore.support.TestEvents.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.command.DeleteConversation;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.eventstore.repository.EventRepository;
import dev.gantry.eventstore.support.EventStoreTest;
import dev.gantry.eventstore.support.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The path from gantry.conversation-events (and -commands) into the log. */
@EventStoreTest
class EventIngestTest {

    @Inject
    MeterRegistry meters;

    @Inject
    EventRepository repository;

    @Inject
    @Identifier(EventPartitionsListener.NAME)
    EventPartitionsListener partitions;

    @Test
    void eventsProducedToTheTopicAppearInOrderInTheQueryApi() {
        UUID conversation = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        List<ConversationEvent> events = messages(conversation, 1, 30);
        List<ConversationEvent> interleaved = new ArrayList<>();
        List<ConversationEvent> others = messages(neighbour, 1, 30);
        for (int i = 0; i < events.size(); i++) {
            interleaved.add(events.get(i));
            interleaved.add(others.get(i));
        }

        produce(interleaved);

        awaitHead(conversation, 30);
        List<Map<String, Object>> items = given().get("/conversations/{id}/events", conversation)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).extracting(item -> ((Number) item.get("seq")).longValue())
                .containsExactlyElementsOf(events.stream().map(ConversationEvent::seq).toList());
        assertThat(items).extracting(item -> item.get("id"))
                .containsExactlyElementsOf(events.stream().map(event -> event.id().toString()).toList());
        assertThat(items.get(6)).containsEntry("kind", "MessageEvent").containsEntry("source", "agent")
                .containsEntry("conversationId", conversation.toString());
        assertThat(items.get(6).get("payload")).isEqualTo(Map.of("content", "message 7", "activatedSkills", List.of()));
        assertThat(Instant.parse((String) items.get(6).get("timestamp")))
                .isEqualTo(events.get(6).timestamp().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aRedeliveredBatchStoresNothingTwice() {
        UUID conversation = UUID.randomUUID();
        List<ConversationEvent> first = messages(conversation, 1, 10);
        produce(first);
        awaitHead(conversation, 10);
        double duplicatesBefore = counter("gantry.events.duplicates");

        List<ConversationEvent> redelivered = new ArrayList<>(first);
        redelivered.addAll(messages(conversation, 11, 11));
        produce(redelivered);

        awaitHead(conversation, 11);
        assertThat(count(conversation)).isEqualTo(11);
        List<String> ids = given().get("/conversations/{id}/events", conversation)
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(ids.subList(0, 10)).containsExactlyElementsOf(first.stream().map(e -> e.id().toString()).toList());
        await().atMost(STORED_WITHIN).untilAsserted(() ->
                assertThat(counter("gantry.events.duplicates") - duplicatesBefore).isEqualTo(10));
    }

    @Test
    void aGapInSeqIsStoredAndReportedAsAMetric() {
        UUID conversation = UUID.randomUUID();
        double gapsBefore = counter("gantry.events.seq.gaps");
        double missingBefore = counter("gantry.events.seq.missing");

        produce(messages(conversation, 1, 2));
        awaitHead(conversation, 2);
        produce(messages(conversation, 5, 5));

        awaitHead(conversation, 5);
        assertThat(count(conversation)).isEqualTo(3);
        assertThat(counter("gantry.events.seq.gaps") - gapsBefore).isEqualTo(1);
        assertThat(counter("gantry.events.seq.missing") - missingBefore).isEqualTo(2);
    }

    @Test
    void afterItsPartitionsChangeAReplicaTakesTheHeadsFromTheTableAgain() {
        UUID conversation = UUID.randomUUID();
        produce(messages(conversation, 1, 2));
        awaitHead(conversation, 2);
        // meanwhile another replica, holding the partition for a while, stored 3 and 4
        repository.insertNew(messages(conversation, 3, 4), List.of()).await().atMost(STORED_WITHIN);
        partitions.onPartitionsAssigned(null, List.of());
        double gapsBefore = counter("gantry.events.seq.gaps");

        produce(messages(conversation, 5, 6));

        awaitHead(conversation, 6);
        assertThat(count(conversation)).isEqualTo(6);
        assertThat(counter("gantry.events.seq.gaps") - gapsBefore)
                .as("5 follows the 4 the table holds, not the 2 this replica stored itself").isZero();
    }

    @Test
    void aRecordThatIsNotAnEventIsSkippedWithoutStoppingIngest() {
        UUID conversation = UUID.randomUUID();
        double unreadableBefore = counter("gantry.events.unreadable");

        TestEvents.produceRaw(Topics.CONVERSATION_EVENTS, conversation.toString(), "{\"seq\": \"not an event\"");
        produce(messages(conversation, 1, 1));

        awaitHead(conversation, 1);
        assertThat(counter("gantry.events.unreadable") - unreadableBefore).isEqualTo(1);
    }

    @Test
    void deleteConversationRemovesThatConversationsEventsOnly() {
        UUID deleted = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        produce(messages(deleted, 1, 5));
        produce(messages(kept, 1, 3));
        awaitHead(deleted, 5);
        awaitHead(kept, 3);

        TestEvents.produceCommand(new DeleteConversation(UUID.randomUUID(), deleted, Instant.now()));

        await().atMost(STORED_WITHIN).untilAsserted(() -> assertThat(count(deleted)).isZero());
        assertThat(count(kept)).isEqualTo(3);
        given().get("/conversations/{id}/head", deleted).then().statusCode(200)
                .body("lastSeq", is(0));
    }

    private double counter(String name) {
        return meters.counter(name).count();
    }

    private static long count(UUID conversation) {
        return given().get("/conversations/{id}/events/count", conversation)
                .then().statusCode(200).extract().as(new TypeRef<Map<String, Long>>() { }).get("count");
    }
}
