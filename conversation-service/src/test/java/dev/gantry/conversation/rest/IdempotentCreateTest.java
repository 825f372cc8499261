package dev.gantry.conversation.rest;

import static dev.gantry.conversation.rest.ConversationResourceTest.invalid;
import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.gantry.contracts.Topics;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.conversation.repository.ConversationRepository;
import dev.gantry.conversation.support.CommandLog;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code POST /conversations} with an {@code Idempotency-Key}: a create a client may send again safely. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class IdempotentCreateTest {

    private static final Map<String, String> TASK = Map.of("initialMessage", "fix the build", "title", "Build");

    @Inject
    ConversationRepository conversations;

    @Test
    void theSameKeyTwiceMakesOneConversationAndAnswersItAgainAsReplayedWithNothingSentAgain() {
        String user = newUser();
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = create(user, key, TASK).statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract();
        String id = first.path("id");
        String sandboxId = first.path("sandboxId");
        assertThat(first.header("Location")).endsWith("/conversations/" + id);

        // the same request written otherwise: keys in another order, other whitespace
        ExtractableResponse<Response> repeat = as(user).header("Idempotency-Key", key)
                .body("{ \"title\" : \"Build\",\n  \"initialMessage\":\"fix the build\" }")
                .post("/conversations").then().log().ifValidationFails().statusCode(201)
                .header("Idempotent-Replayed", is("true"))
                .header("Location", endsWith("/conversations/" + id))
                .body("id", is(id)).body("sandboxId", is(sandboxId)).body("title", is("Build"))
                .extract();
        assertThat(repeat.<String>path("createdAt")).isEqualTo(first.path("createdAt"));

        assertThat(idsOf(user)).containsExactly(id);
        assertThat(CommandLog.conversationCommands(id, 1).getFirst().path("kind").asText()).isEqualTo("StartConversation");
        assertThat(CommandLog.awaitExactly(Topics.SANDBOX_COMMANDS, sandboxId, 1)).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedNamingTheHeaderAndCreatesNothing() {
        String user = newUser();
        String key = UUID.randomUUID().toString();
        String id = create(user, key, TASK).statusCode(201).extract().path("id");

        create(user, key, Map.of("initialMessage", "something else")).statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", is(Problem.TYPE_PREFIX + "idempotency-key-reused"))
                .body("title", is("Idempotency key reused"))
                .body("errors.field", hasItem("Idempotency-Key"));

        assertThat(idsOf(user)).containsExactly(id);
    }

    @Test
    void anotherUsersSameKeyIsTheirsAndMakesTheirOwnConversation() {
        String key = UUID.randomUUID().toString();
        String alice = newUser();
        String bob = newUser();

        String alices = create(alice, key, TASK).statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        String bobs = create(bob, key, TASK).statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("ownerId", is(bob)).extract().path("id");

        assertThat(bobs).isNotEqualTo(alices);
        assertThat(idsOf(alice)).containsExactly(alices);
        assertThat(idsOf(bob)).containsExactly(bobs);
    }

    @Test
    void aKeyThatIsEmptyTooLongOrNotPrintableAsciiIsABadRequestNamingTheHeader() {
        String user = newUser();
        for (String bad : List.of("", "x".repeat(256), "has space", "clé")) {
            invalid(create(user, bad, TASK), "Idempotency-Key");
        }
        assertThat(idsOf(user)).isEmpty();
    }

    @Test
    void eightCreatesAtOnceWithOneKeyMakeOneConversationAndAllAnswerIt() throws Exception {
        String user = newUser();
        String key = UUID.randomUUID().toString();
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return create(user, key, TASK).extract();
                }));
            }
            go.countDown();
            List<String> ids = new ArrayList<>();
            int replayed = 0;
            for (Future<ExtractableResponse<Response>> answer : answers) {
                ExtractableResponse<Response> response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                ids.add(response.path("id"));
                replayed += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertThat(ids).hasSize(callers).containsOnly(ids.getFirst());
            assertThat(replayed).isEqualTo(callers - 1);
            assertThat(idsOf(user)).containsExactly(ids.getFirst());
            CommandLog.conversationCommands(ids.getFirst(), 1);
        }
    }

    @Test
    void aKeyPastItsRetentionMakesANewConversation() throws Throwable {
        String user = newUser();
        String key = UUID.randomUUID().toString();
        String first = create(user, key, TASK).statusCode(201).extract().path("id");
        // the default retention is 24 hours: the first conversation is made a day and a minute old
        Instant longAgo = Instant.now().minus(Duration.ofHours(24).plusMinutes(1));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> conversations.update(
                "createdAt = ?1 where id = ?2", longAgo, UUID.fromString(first))));

        String second = create(user, key, TASK).statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        create(user, key, TASK).statusCode(201).header("Idempotent-Replayed", is("true")).body("id", is(second));

        assertThat(second).isNotEqualTo(first);
        assertThat(idsOf(user)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aDeletedConversationTakesItsKeyWithItAndARepeatCreatesAnew() {
        String user = newUser();
        String key = UUID.randomUUID().toString();
        String first = create(user, key, TASK).statusCode(201).extract().path("id");
        as(user).delete("/conversations/" + first).then().statusCode(204);

        String second = create(user, key, TASK).statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(idsOf(user)).containsExactly(second);
    }

    private static ValidatableResponse create(String user, String key, Map<String, String> body) {
        return as(user).header("Idempotency-Key", key).body(body).post("/conversations").then().log().ifValidationFails();
    }

    private static List<String> idsOf(String user) {
        return as(user).get("/conversations").then().statusCode(200).extract().path("items.id");
    }
}
