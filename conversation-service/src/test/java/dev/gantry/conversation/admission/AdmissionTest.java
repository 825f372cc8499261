package dev.gantry.conversation.admission;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.conversation.support.CommandLog;
import dev.gantry.conversation.support.EventTopic;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission with room for 3 conversations running at once, 2 of one user's. Nothing here runs an agent: a
 * conversation leaves {@code running} when the test publishes the state event an agent-worker would. The queue's
 * periodic pass comes once an hour, so every admission seen here was woken by such an event.
 */
@QuarkusTest
@TestProfile(AdmissionTest.SmallPlatform.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class AdmissionTest {

    private static final Duration SOON = Duration.ofSeconds(20);

    public static final class SmallPlatform implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gantry.conversations.admission.max-running", "3",
                    "gantry.conversations.admission.max-running-per-user", "2",
                    "gantry.conversations.admission.pass-interval", "1h",
                    "gantry.conversations.admission.stale-after", "10m");
        }
    }

    private record Created(String owner, String id, String sandboxId) {
    }

    private final List<Created> created = new ArrayList<>();

    @AfterEach
    void deleteWhatTheTestCreated() {
        // every test starts with no conversation running: the limits are the platform's, shared by the tests
        created.forEach(c -> as(c.owner()).delete("/conversations/" + c.id()));
    }

    @Test
    void aConversationPastThePlatformsLimitIsQueuedAndItsCommandsWaitUntilAPlaceFrees() {
        Created first = create(newUser());
        create(newUser());
        create(newUser());
        Created fourth = create(newUser());

        assertThat(status(first)).isEqualTo("running");
        assertThat(status(fourth)).isEqualTo("queued");
        as(fourth.owner()).body(Map.of("content", "and then this", "run", false))
                .post("/conversations/" + fourth.id() + "/messages").then().statusCode(202);
        assertThat(CommandLog.conversationCommands(fourth.id(), 0)).as("nothing of a queued conversation is sent").isEmpty();

        finish(first);

        await().atMost(SOON).until(() -> status(fourth).equals("running"));
        assertThat(CommandLog.kinds(CommandLog.conversationCommands(fourth.id(), 2)))
                .containsExactly("StartConversation", "SendMessage");
        assertThat(CommandLog.kinds(CommandLog.awaitExactly(Topics.SANDBOX_COMMANDS, fourth.sandboxId(), 1)))
                .containsExactly("CreateSandbox");
    }

    @Test
    void oneUsersBurstLeavesThePlatformsOtherPlacesToOtherUsers() {
        String busy = newUser();
        create(busy);
        create(busy);
        Created third = create(busy);
        Created other = create(newUser());

        assertThat(status(third)).as("past the user's own limit of 2").isEqualTo("queued");
        // the platform's third place: at once, or (created while the pass looked at the queue) by the next pass
        await().atMost(SOON).until(() -> status(other).equals("running"));
        assertThat(CommandLog.kinds(CommandLog.conversationCommands(other.id(), 1)))
                .containsExactly("StartConversation");
    }

    @Test
    void aFreedPlaceGoesToTheOldestQueuedConversationThatMayRunNotToANewcomer() {
        String busy = newUser();
        create(busy);
        create(busy);
        Created third = create(newUser());
        Created busyQueued = create(busy);
        Created waiting = create(newUser());

        assertThat(status(busyQueued)).isEqualTo("queued");
        assertThat(status(waiting)).isEqualTo("queued");
        finish(third);
        await().atMost(SOON).until(() -> status(waiting).equals("running"));
        assertThat(status(busyQueued)).as("its owner still runs 2").isEqualTo("queued");

        Created newcomer = create(newUser());
        assertThat(status(newcomer)).as("the platform is full again").isEqualTo("queued");
    }

    @Test
    void createsAtOnceNeverRunMoreThanThePlatformsLimit() throws Exception {
        List<Future<Created>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 12; i++) {
                answers.add(callers.submit(() -> create(newUser())));
            }
            for (Future<Created> answer : answers) {
                answer.get();
            }
        }

        // those that found admission deciding for another were queued, and the passes they woke let the first run
        await().atMost(SOON).until(() -> created.stream().map(this::status).filter("running"::equals).count() == 3);
        List<String> statuses = created.stream().map(this::status).toList();
        assertThat(statuses).filteredOn("running"::equals).hasSize(3);
        assertThat(statuses).filteredOn("queued"::equals).hasSize(9);
    }

    @Test
    void stoppingAQueuedConversationTellsTheAgentOfItAndTakesNoPlace() {
        create(newUser());
        create(newUser());
        Created third = create(newUser());
        Created stopped = create(newUser());
        Created stillQueued = create(newUser());

        as(stopped.owner()).post("/conversations/" + stopped.id() + "/stop").then().statusCode(202);

        assertThat(status(stopped)).isEqualTo("stopped");
        assertThat(CommandLog.kinds(CommandLog.conversationCommands(stopped.id(), 2)))
                .containsExactly("StartConversation", "Stop");
        assertThat(status(stillQueued)).isEqualTo("queued");
        finish(third);
        await().atMost(SOON).until(() -> status(stillQueued).equals("running"));
    }

    @Test
    void deletingAQueuedConversationSendsNothingThatWasHeldForIt() {
        create(newUser());
        create(newUser());
        create(newUser());
        Created queued = create(newUser());

        as(queued.owner()).delete("/conversations/" + queued.id()).then().statusCode(204);

        assertThat(CommandLog.kinds(CommandLog.conversationCommands(queued.id(), 2)))
                .containsExactly("Stop", "DeleteConversation");
        assertThat(CommandLog.kinds(CommandLog.awaitExactly(Topics.SANDBOX_COMMANDS, queued.sandboxId(), 1)))
                .containsExactly("DeleteSandbox");
    }

    @Test
    void aMessageThatSetsAnIdleConversationGoingIsQueuedWhenThePlatformIsFullAndLateEventsDoNotUnqueueIt() {
        String owner = newUser();
        String idle = as(owner).body(Map.of("title", "no message yet")).post("/conversations").then().statusCode(201)
                .extract().path("id");
        created.add(new Created(owner, idle, null));
        Created first = create(newUser());
        create(newUser());
        create(newUser());

        as(owner).body(Map.of("content", "go")).post("/conversations/" + idle + "/messages").then().statusCode(202);
        Created queued = new Created(owner, idle, null);
        assertThat(status(queued)).isEqualTo("queued");
        EventTopic.publish(idle, 1, Instant.now(), ConversationStateUpdateEvent.status(ExecutionStatus.IDLE));
        await().atMost(SOON).until(() -> as(owner).get("/conversations/" + idle).then().extract().<Integer>path("lastSeq") == 1);
        assertThat(status(queued)).as("an earlier run's event").isEqualTo("queued");
        assertThat(CommandLog.kinds(CommandLog.conversationCommands(idle, 1)))
                .containsExactly("StartConversation");

        finish(first);

        await().atMost(SOON).until(() -> status(queued).equals("running"));
        assertThat(CommandLog.kinds(CommandLog.conversationCommands(idle, 2)))
                .containsExactly("StartConversation", "SendMessage");
    }

    @Test
    void aRunningConversationThatWroteNothingForTheStaleTimeNoLongerHoldsItsPlace() {
        Created silent = create(newUser());
        create(newUser());
        create(newUser());
        Created waiting = create(newUser());
        assertThat(status(waiting)).isEqualTo("queued");

        // its last event is older than stale-after (10 min here): its agent is gone, its status still says running
        EventTopic.publish(silent.id(), 1, Instant.now().minus(Duration.ofMinutes(11)),
                new dev.gantry.contracts.event.MessageEvent("thinking", List.of()));
        // at the next pass: woken here by the end of a conversation deleted meanwhile (one the service no longer has)
        EventTopic.publish(java.util.UUID.randomUUID().toString(), 1, Instant.now(),
                ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));

        await().atMost(SOON).until(() -> status(waiting).equals("running"));
        assertThat(status(silent)).isEqualTo("running");
    }

    private Created create(String owner) {
        JsonNode body = readTree(as(owner).body(Map.of("title", "admitted?", "initialMessage", "work"))
                .post("/conversations").then().statusCode(201).extract().asString());
        Created conversation = new Created(owner, body.path("id").asText(), body.path("sandboxId").asText());
        synchronized (created) {
            created.add(conversation);
        }
        return conversation;
    }

    private String status(Created conversation) {
        return as(conversation.owner()).get("/conversations/" + conversation.id()).then().statusCode(200).extract()
                .path("status");
    }

    /** What the agent-worker publishes when the agent is done: the conversation leaves {@code running}. */
    private void finish(Created conversation) {
        EventTopic.publish(conversation.id(), 1, Instant.now(), ConversationStateUpdateEvent.status(ExecutionStatus.FINISHED));
    }

    private static JsonNode readTree(String json) {
        try {
            return GantryJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
