package dev.gantry.conversation.rest;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.Topics;
import dev.gantry.contracts.problem.Problem;
import dev.gantry.conversation.support.CommandLog;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class ConversationResourceTest {

    @Test
    void createStoresTheConversationAndIssuesStartConversationWithTheOwnersSettings() {
        String user = newUser();
        as(user).body(Map.of("model", "claude-test", "maxIterations", 42, "maxTokens", 50_000)).post("/settings")
                .then().statusCode(200);
        GitConnectionsTest.connect(user, "github.com");

        ValidatableResponse created = as(user)
                .body(Map.of("initialMessage", "fix the build", "repository", "acme/api", "branch", "main", "title", "Build"))
                .post("/conversations").then().statusCode(201)
                .body("ownerId", is(user))
                .body("title", is("Build"))
                // with a message it runs at once: admission had a place for it
                .body("status", is("running"))
                .body("repository", is("acme/api"))
                .body("repositoryHost", is("github.com"))
                .body("branch", is("main"))
                .body("sandboxId", notNullValue())
                .body("settings.model", is("claude-test"))
                .body("settings.maxIterations", is(42))
                .body("settings.confirmationPolicy", is("never"))
                .body("settings.maxTokens", is(50_000))
                .body("metrics.promptTokens", is(0))
                .body("lastSeq", is(0));
        String id = created.extract().path("id");
        String sandboxId = created.extract().path("sandboxId");

        JsonNode start = CommandLog.conversationCommands(id, 1).getFirst();
        assertThat(start.path("kind").asText()).isEqualTo("StartConversation");
        assertThat(start.path("commandId").asText()).isNotBlank();
        assertThat(start.path("userId").asText()).isEqualTo(user);
        assertThat(start.path("sandboxId").asText()).isEqualTo(sandboxId);
        assertThat(start.path("initialMessage").asText()).isEqualTo("fix the build");
        assertThat(start.path("repository").asText()).isEqualTo("acme/api");
        assertThat(start.path("settings").path("model").asText()).isEqualTo("claude-test");
        assertThat(start.path("settings").path("maxIterations").asInt()).isEqualTo(42);
        assertThat(start.path("settings").path("maxTokens").asLong()).isEqualTo(50_000);

        as(user).get("/conversations/" + id).then().statusCode(200).body("id", is(id)).body("title", is("Build"))
                .body("settings.maxTokens", is(50_000));
    }

    @Test
    void createWithoutABodyStartsAnIdleConversationWithTheDefaultSettings() {
        String user = newUser();
        String id = as(user).post("/conversations").then().statusCode(201)
                .body("title", nullValue())
                .body("settings.model", is("gpt-4o"))
                .body("settings.maxIterations", is(500))
                .body("settings.maxTokens", nullValue())
                .extract().path("id");
        JsonNode start = CommandLog.conversationCommands(id, 1).getFirst();
        assertThat(start.has("initialMessage")).isFalse();
    }

    @Test
    void patchRenamesAndMovesUpdatedAt() {
        String user = newUser();
        String id = create(user, "Before");
        String createdAt = as(user).get("/conversations/" + id).then().extract().path("createdAt");
        as(user).body(Map.of("title", "After")).patch("/conversations/" + id).then().statusCode(200)
                .body("title", is("After"));
        String updatedAt = as(user).get("/conversations/" + id).then().body("title", is("After")).extract().path("updatedAt");
        assertThat(Instant.parse(updatedAt)).isAfter(Instant.parse(createdAt));
    }

    @Test
    void listPagesThroughEveryConversationOnceNewestFirst() {
        String user = newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(user, "Conversation " + i));
        }
        List<String> seen = new ArrayList<>();
        String pageId = null;
        int pages = 0;
        do {
            var request = as(user).queryParam("limit", 2);
            if (pageId != null) {
                request.queryParam("pageId", pageId);
            }
            ValidatableResponse page = request.get("/conversations").then().statusCode(200);
            seen.addAll(page.extract().path("items.id"));
            pageId = page.extract().path("nextPageId");
            pages++;
        } while (pageId != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void listSortsOldestFirstWhenAsked() {
        String user = newUser();
        String first = create(user, "one");
        String second = create(user, "two");
        as(user).queryParam("sort", "createdAt").get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(first, second)))
                .body("nextPageId", nullValue());
    }

    @Test
    void listSortsByLastUpdateAndFiltersOnIt() {
        String user = newUser();
        String older = create(user, "older");
        String newer = create(user, "newer");
        Instant beforeRename = Instant.now();
        as(user).body(Map.of("title", "older, renamed")).patch("/conversations/" + older).then().statusCode(200);

        as(user).queryParam("sort", "-updatedAt").get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(older, newer)));
        String next = as(user).queryParam("sort", "updatedAt").queryParam("limit", 1).get("/conversations").then()
                .statusCode(200).body("items.id", equalTo(List.of(newer))).extract().path("nextPageId");
        as(user).queryParam("sort", "updatedAt").queryParam("limit", 1).queryParam("pageId", next)
                .get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(older)))
                .body("nextPageId", nullValue());
        as(user).queryParam("updatedAfter", beforeRename.toString()).get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(older)));
        as(user).queryParam("updatedBefore", beforeRename.toString()).get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(newer)));
        invalid(as(user).queryParam("sort", "-createdAt").queryParam("pageId", next).get("/conversations").then(), "pageId");
    }

    @Test
    void listFiltersByTitleAndCreationTime() {
        String user = newUser();
        create(user, "Refactor the parser");
        Instant between = Instant.now();
        String later = create(user, "Fix 100% of the PARSER bugs");
        create(user, "Unrelated");

        as(user).queryParam("titleContains", "parser").get("/conversations").then().statusCode(200)
                .body("items.size()", is(2));
        as(user).queryParam("titleContains", "100%").get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(later)));
        as(user).queryParam("titleContains", "parser").queryParam("createdAfter", between.toString())
                .get("/conversations").then().statusCode(200)
                .body("items.id", equalTo(List.of(later)));
        as(user).queryParam("createdBefore", between.toString()).get("/conversations").then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].title", is("Refactor the parser"));
        as(user).queryParam("status", "idle").get("/conversations").then().statusCode(200).body("items.size()", is(3));
        as(user).queryParam("status", "running").get("/conversations").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void listAcrossUsersIsForAdminsOnly() {
        String user = newUser();
        String id = create(user, "Mine");
        as(newUser()).queryParam("allUsers", true).get("/conversations").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as(newUser(), "admin").queryParam("allUsers", true)
                .queryParam("sort", "-createdAt").queryParam("titleContains", "Mine")
                .get("/conversations").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void eachLifecycleCallProducesExactlyItsCommand() {
        String user = newUser();
        String id = create(user, "Lifecycle");

        String message = accepted(as(user).body(Map.of("content", "and the tests", "run", false))
                .post("/conversations/" + id + "/messages").then());
        String pause = accepted(as(user).post("/conversations/" + id + "/pause").then());
        String resume = accepted(as(user).post("/conversations/" + id + "/resume").then());
        String confirmation = accepted(as(user).body(Map.of("accept", false, "reason", "too risky"))
                .post("/conversations/" + id + "/confirmation").then());
        String stop = accepted(as(user).post("/conversations/" + id + "/stop").then());

        List<JsonNode> commands = CommandLog.conversationCommands(id, 6);
        assertThat(commands).extracting(c -> c.path("kind").asText())
                .containsExactly("StartConversation", "SendMessage", "Pause", "Resume", "ConfirmationResponse", "Stop");
        assertThat(commands.subList(1, 6)).extracting(c -> c.path("commandId").asText())
                .containsExactly(message, pause, resume, confirmation, stop);
        assertThat(commands.get(1).path("content").asText()).isEqualTo("and the tests");
        assertThat(commands.get(1).path("run").asBoolean()).isFalse();
        assertThat(commands.get(4).path("accept").asBoolean()).isFalse();
        assertThat(commands.get(4).path("reason").asText()).isEqualTo("too risky");
        assertThat(commands).allSatisfy(c -> assertThat(c.path("conversationId").asText()).isEqualTo(id));
    }

    @Test
    void deleteStopsTheAgentDeletesTheSandboxAndRemovesTheConversation() {
        String user = newUser();
        ValidatableResponse created = as(user).body(Map.of("title", "Doomed")).post("/conversations").then().statusCode(201);
        String id = created.extract().path("id");
        String sandboxId = created.extract().path("sandboxId");

        as(user).delete("/conversations/" + id).then().statusCode(204);

        as(user).get("/conversations/" + id).then().statusCode(404);
        assertThat(CommandLog.conversationCommands(id, 3)).extracting(c -> c.path("kind").asText())
                .containsExactly("StartConversation", "Stop", "DeleteConversation");
        JsonNode deleteSandbox = CommandLog.awaitExactly(Topics.SANDBOX_COMMANDS, sandboxId, 1).getFirst();
        assertThat(deleteSandbox.path("kind").asText()).isEqualTo("DeleteSandbox");
        assertThat(deleteSandbox.path("sandboxId").asText()).isEqualTo(sandboxId);
    }

    @Test
    void conversationsDeletedAllAtOnceAreEachDeleted() throws Exception {
        String user = newUser();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(create(user, "Many " + i));
        }
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try (var callers = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (String id : ids) {
                answers.add(callers.submit(() -> as(user).delete("/conversations/" + id).statusCode()));
            }
        }
        for (var answer : answers) {
            assertThat(answer.get()).isEqualTo(204);
        }
        for (String id : ids) {
            as(user).get("/conversations/" + id).then().statusCode(404);
        }
    }

    @Test
    void anotherUsersConversationBehavesAsNotFound() {
        String owner = newUser();
        String id = create(owner, "Private");
        String stranger = newUser();

        notFound(as(stranger).get("/conversations/" + id).then());
        notFound(as(stranger).body(Map.of("title", "Mine now")).patch("/conversations/" + id).then());
        notFound(as(stranger).body(Map.of("content", "hello")).post("/conversations/" + id + "/messages").then());
        notFound(as(stranger).post("/conversations/" + id + "/pause").then());
        notFound(as(stranger).body(Map.of("accept", true)).post("/conversations/" + id + "/confirmation").then());
        notFound(as(stranger).delete("/conversations/" + id).then());
        as(stranger).get("/conversations").then().statusCode(200).body("items.size()", is(0));

        as(owner).get("/conversations/" + id).then().statusCode(200).body("title", is("Private"));
        CommandLog.conversationCommands(id, 1);
    }

    @Test
    void badRequestsAnswerProblemsNamingTheField() {
        String user = newUser();
        String id = create(user, "Valid");
        invalid(as(user).body(Map.of("title", " ")).patch("/conversations/" + id).then(), "title");
        invalid(as(user).body("{\"title\": ").patch("/conversations/" + id).then(), "body");
        invalid(as(user).body(Map.of("reason", "no")).post("/conversations/" + id + "/confirmation").then(), "accept");
        invalid(as(user).body(Map.of("accept", "perhaps")).post("/conversations/" + id + "/confirmation").then(), "accept");
        invalid(as(user).post("/conversations/" + id + "/messages").then(), "body");
        invalid(as(user).body(Map.of("title", "x".repeat(201))).post("/conversations").then(), "title");
        invalid(as(user).queryParam("limit", 0).get("/conversations").then(), "limit");
        invalid(as(user).queryParam("limit", "many").get("/conversations").then(), "limit");
        invalid(as(user).queryParam("status", "sleeping").get("/conversations").then(), "status");
        invalid(as(user).queryParam("sort", "title").get("/conversations").then(), "sort");
        invalid(as(user).queryParam("createdAfter", "yesterday").get("/conversations").then(), "createdAfter");
        invalid(as(user).queryParam("pageId", "not-a-page").get("/conversations").then(), "pageId");
        as(user).get("/conversations/not-a-uuid").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    private static String create(String user, String title) {
        return as(user).body(Map.of("title", title)).post("/conversations").then().statusCode(201).extract().path("id");
    }

    private static String accepted(ValidatableResponse response) {
        return response.statusCode(202).body("commandId", notNullValue()).extract().path("commandId");
    }

    private static void notFound(ValidatableResponse response) {
        response.statusCode(404).contentType(Problem.MEDIA_TYPE).body("type", is(Problem.TYPE_PREFIX + "not-found"));
    }

    static void invalid(ValidatableResponse response, String field) {
        response.log().ifValidationFails().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", is(Problem.TYPE_PREFIX + "validation"))
                .body("errors.field", hasItem(field));
    }
}
