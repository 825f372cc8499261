package dev.gantry.eventstore.rest;

import static dev.gantry.eventstore.support.Awaits.awaitHead;
import static dev.gantry.eventstore.support.Callers.given;
import static dev.gantry.eventstore.support.TestEvents.event;
import static dev.gantry.eventstore.support.TestEvents.message;
import static dev.gantry.eventstore.support.TestEvents.messages;
import static dev.gantry.eventstore.support.TestEvents.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.eventstore.support.EventStoreTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The history queries: pages, filters, single events, counts, the head, and bad input. */
@EventStoreTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventQueryTest {

    private final UUID conversation = UUID.randomUUID();
    private final List<ConversationEvent> events = new ArrayList<>();

    /**
     * 25 events, stored once for the class: every fifth is a user message, every seventh an agent
     * error, the rest agent messages. (Not in a BeforeAll: the HTTP port is known only per test.)
     */
    @BeforeEach
    void storeAConversation() {
        if (!events.isEmpty()) {
            return;
        }
        for (long seq = 1; seq <= 25; seq++) {
            if (seq % 5 == 0) {
                events.add(event(conversation, seq, EventSource.USER, new MessageEvent("user says " + seq)));
            } else if (seq % 7 == 0) {
                events.add(event(conversation, seq, EventSource.AGENT, new AgentErrorEvent("terminal", "call-" + seq, "failed")));
            } else {
                events.add(message(conversation, seq));
            }
        }
        produce(events);
        awaitHead(conversation, 25);
    }

    @Test
    void paginationWalksAllEventsExactlyOnce() {
        List<Long> seen = new ArrayList<>();
        Set<String> pageIds = new HashSet<>();
        String pageId = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 7);
            if (pageId != null) {
                request.queryParam("pageId", pageId);
            }
            JsonPath page = request.get("/conversations/{id}/events", conversation)
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.seq", Long.class));
            pageId = page.getString("nextPageId");
            assertThat(pageId == null || pageIds.add(pageId)).as("a page id is never repeated").isTrue();
            pages++;
        } while (pageId != null);

        assertThat(seen).containsExactlyElementsOf(events.stream().map(ConversationEvent::seq).toList());
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void afterSeqStartsThePageAfterThatSeq() {
        given().queryParam("afterSeq", 20).get("/conversations/{id}/events", conversation)
                .then().statusCode(200)
                .body("items.seq", is(List.of(21, 22, 23, 24, 25)))
                .body("nextPageId", nullValue());
    }

    @Test
    void kindAndSourceNarrowThePageAndTheCount() {
        given().queryParam("source", "user").get("/conversations/{id}/events", conversation)
                .then().statusCode(200).body("items.seq", is(List.of(5, 10, 15, 20, 25)));
        given().queryParam("kind", "AgentErrorEvent").get("/conversations/{id}/events", conversation)
                .then().statusCode(200).body("items.seq", is(List.of(7, 14, 21)))
                .body("items[0].payload.toolCallId", is("call-7"));
        given().queryParam("kind", "MessageEvent").queryParam("source", "agent")
                .get("/conversations/{id}/events/count", conversation)
                .then().statusCode(200).body("count", is(25 - 5 - 3));
        given().get("/conversations/{id}/events/count", conversation).then().statusCode(200).body("count", is(25));
    }

    @Test
    void anEventIsFoundByItsIdAndAnUnknownIdIsANotFoundProblem() {
        ConversationEvent seventh = events.get(6);
        given().get("/conversations/{id}/events/{eventId}", conversation, seventh.id())
                .then().statusCode(200)
                .body("seq", is(7)).body("kind", is("AgentErrorEvent")).body("payload.error", is("failed"));
        given().get("/conversations/{id}/events/{eventId}", conversation, UUID.randomUUID())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", is(Problem.TYPE_PREFIX + "not-found")).body("status", is(404));
    }

    @Test
    void theHeadIsTheLastStoredSeqAndZeroForAnUnknownConversation() {
        given().get("/conversations/{id}/head", conversation).then().statusCode(200)
                .body("conversationId", is(conversation.toString())).body("lastSeq", is(25));
        given().get("/conversations/{id}/head", UUID.randomUUID()).then().statusCode(200).body("lastSeq", is(0));
    }

    @Test
    void anUnknownConversationIsAnEmptyPage() {
        given().get("/conversations/{id}/events", UUID.randomUUID())
                .then().statusCode(200).body("items", empty()).body("nextPageId", nullValue());
    }

    @Test
    void aLimitOutOfRangeIsABadRequestProblemNamingTheField() {
        for (String limit : List.of("0", "101", "-3", "many")) {
            given().queryParam("limit", limit).get("/conversations/{id}/events", conversation)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", is(Problem.TYPE_PREFIX + "validation"))
                    .body("errors", hasSize(1))
                    .body("errors[0].field", is("limit"))
                    .body("errors[0].reason", is("must be a whole number from 1 to 100"));
        }
    }

    @Test
    void aMalformedAfterSeqIsABadRequestProblemNamingTheField() {
        for (String afterSeq : List.of("abc", "-1", "1.5")) {
            given().queryParam("afterSeq", afterSeq).get("/conversations/{id}/events", conversation)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors[0].field", is("afterSeq"))
                    .body("errors[0].reason", is("must be a whole number, 0 or more"));
        }
        given().header("Last-Event-ID", "soon").get("/conversations/{id}/events/stream", conversation)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is("Last-Event-ID"));
    }

    @Test
    void everyBadParameterIsNamedInOneProblem() {
        given().queryParam("limit", 500).queryParam("kind", "Bogus").queryParam("source", "robot").queryParam("pageId", "x")
                .get("/conversations/{id}/events", "not-a-uuid")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", is(List.of("id", "pageId", "limit", "kind", "source")))
                .body("errors.find { it.field == 'kind' }.reason", allOf(
                        startsWith("must be one of MessageEvent, SystemPromptEvent, ActionEvent, ObservationEvent,"),
                        is("must be one of " + String.join(", ", EventPayload.KINDS))))
                .body("errors.find { it.field == 'source' }.reason", is("must be one of user, agent, environment, system"));
    }
}
