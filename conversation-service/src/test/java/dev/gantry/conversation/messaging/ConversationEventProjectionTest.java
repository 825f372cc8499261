package dev.gantry.conversation.messaging;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static dev.gantry.conversation.support.EventTopic.publish;
import static dev.gantry.conversation.support.EventTopic.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class ConversationEventProjectionTest {

    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @Test
    void stateUpdatesSetStatusAndMetricsAndARepeatedSeqChangesNothing() {
        String user = newUser();
        String id = as(user).post("/conversations").then().statusCode(201).extract().path("id");
        Instant start = Instant.parse("2030-01-01T10:00:00Z");

        publish(id, 1, start, new ConversationStateUpdateEvent(ExecutionStatus.RUNNING, null,
                new ConversationMetrics(100, 20, new BigDecimal("0.0123"), 2, 1500)));
        await().atMost(PROJECTED).untilAsserted(() -> as(user).get("/conversations/" + id).then()
                .body("lastSeq", is(1))
                .body("status", is("running"))
                .body("metrics.promptTokens", is(100))
                .body("metrics.completionTokens", is(20))
                .body("metrics.cost", is("0.0123"))
                .body("metrics.llmCalls", is(2))
                .body("metrics.llmLatencyMillis", is(1500))
                .body("updatedAt", is("2030-01-01T10:00:00Z")));

        // seq 1 again, saying something else: a redelivery must not be applied
        publish(id, 1, start.plusSeconds(5), ConversationStateUpdateEvent.status(ExecutionStatus.ERROR));
        publish(id, 2, start.plusSeconds(10), new ConversationStateUpdateEvent(null, null,
                new ConversationMetrics(250, 40, new BigDecimal("0.0456"), 3, 2500)));
        await().atMost(PROJECTED).untilAsserted(() -> as(user).get("/conversations/" + id).then()
                .body("lastSeq", is(2))
                .body("metrics.promptTokens", is(250))
                .body("metrics.cost", is("0.0456")));
        as(user).get("/conversations/" + id).then()
                .body("status", is("running"))
                .body("updatedAt", is("2030-01-01T10:00:10Z"));
    }

    @Test
    void otherEventsAdvanceLastSeqAndUpdatedAtOnly() {
        String user = newUser();
        String id = as(user).post("/conversations").then().statusCode(201).extract().path("id");

        publish(id, 1, Instant.parse("2030-02-01T08:00:00Z"), new MessageEvent("hello", List.of()));
        await().atMost(PROJECTED).untilAsserted(() -> as(user).get("/conversations/" + id).then()
                .body("lastSeq", is(1))
                .body("status", is("idle"))
                .body("metrics.promptTokens", is(0))
                .body("updatedAt", is("2030-02-01T08:00:00Z")));
    }

    @Test
    void anUnreadableRecordIsSkippedAndLaterEventsStillApply() {
        String user = newUser();
        String id = as(user).post("/conversations").then().statusCode(201).extract().path("id");

        send(id, "{not json");
        publish(id, 1, Instant.parse("2030-03-01T08:00:00Z"), ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));
        await().atMost(PROJECTED).untilAsserted(() -> as(user).get("/conversations/" + id).then()
                .body("lastSeq", is(1))
                .body("status", is("finished")));
    }
}
