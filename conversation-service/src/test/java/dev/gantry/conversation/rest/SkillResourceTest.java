package dev.gantry.conversation.rest;

import static dev.gantry.conversation.rest.ConversationResourceTest.invalid;
import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.integrations;
import static dev.gantry.conversation.support.Api.internal;
import static dev.gantry.conversation.support.Api.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gantry.contracts.problem.Problem;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A user's skills: created, listed, read, replaced and deleted by their owner, read by the agent-worker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class SkillResourceTest {

    @Test
    void skillsAreCreatedListedReadReplacedAndDeletedByTheirOwnerOnly() {
        String user = newUser();
        as(user).body(Map.of("name", "python", "triggers", List.of("python", " pytest "), "content", "Use pytest -q."))
                .post("/skills").then().log().ifValidationFails().statusCode(201)
                .body("name", is("python")).body("triggers", equalTo(List.of("python", "pytest")))
                .body("content", is("Use pytest -q.")).body("createdAt", notNullValue());
        as(user).body(Map.of("name", "python", "content", "again")).post("/skills").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("name"));
        as(user).body(Map.of("name", "conventions", "content", "Commit messages in the imperative.")).post("/skills")
                .then().statusCode(201).body("triggers", equalTo(List.of()));

        as(user).get("/skills").then().statusCode(200)
                .body("items.name", equalTo(List.of("conventions", "python")))
                .body("nextPageId", nullValue());
        as(user).queryParam("limit", 1).get("/skills").then().statusCode(200)
                .body("items.name", equalTo(List.of("conventions"))).body("nextPageId", notNullValue());
        as(user).get("/skills/python").then().statusCode(200).body("triggers[1]", is("pytest"));
        as(newUser()).get("/skills/python").then().statusCode(404).contentType(Problem.MEDIA_TYPE);

        as(user).body(Map.of("content", "Use pytest -x.")).put("/skills/python").then().statusCode(200)
                .body("content", is("Use pytest -x.")).body("triggers", equalTo(List.of()));
        as(user).body(Map.of("name", "docs", "triggers", List.of("readme"), "content", "Keep the README short."))
                .put("/skills/docs").then().statusCode(201);
        as(user).get("/skills/python").then().body("content", is("Use pytest -x."));

        as(newUser()).delete("/skills/python").then().statusCode(404);
        as(user).delete("/skills/python").then().statusCode(204);
        as(user).get("/skills/python").then().statusCode(404);
        as(user).get("/skills").then().body("items.name", equalTo(List.of("conventions", "docs")));
    }

    @Test
    void badSkillsAreRefusedNamingTheFieldAndWhy() {
        String user = newUser();
        invalid(as(user).body(Map.of("name", "a")).post("/skills").then(), "content");
        invalid(as(user).body(Map.of("name", "a", "content", "  \n")).post("/skills").then(), "content");
        invalid(as(user).body(Map.of("name", "a", "content", "x".repeat(100_001))).post("/skills").then(), "content");
        invalid(as(user).body(Map.of("content", "no name")).post("/skills").then(), "name");
        invalid(as(user).body(Map.of("name", "a b", "content", "x")).post("/skills").then(), "name");
        invalid(as(user).body(Map.of("name", "a", "triggers", "python", "content", "x")).post("/skills").then(),
                "triggers");
        invalid(as(user).body(Map.of("name", "a", "triggers", List.of("python", " "), "content", "x")).post("/skills")
                .then(), "triggers[1]");
        invalid(as(user).body(Map.of("name", "a", "triggers", List.of("x".repeat(101)), "content", "x"))
                .post("/skills").then(), "triggers[0]");
        invalid(as(user).body(Map.of("name", "a", "triggers",
                IntStream.range(0, 51).mapToObj(i -> "t" + i).toList(), "content", "x")).post("/skills").then(), "triggers");
        Map<String, Object> withNullTrigger = new HashMap<>(Map.of("name", "a", "content", "x"));
        withNullTrigger.put("triggers", Collections.singletonList(null));
        invalid(as(user).body(withNullTrigger).post("/skills").then(), "triggers[0]");
        as(user).body(Map.of("name", "a", "triggers", List.of("Python", "python"), "content", "x")).post("/skills")
                .then().statusCode(400).body("errors.find { it.field == 'triggers[1]' }.reason", is("repeats triggers[0]"));
        invalid(as(user).body(Map.of("name", "b", "content", "x")).put("/skills/a").then(), "name");
        invalid(as(user).body(Map.of("content", "x")).put("/skills/.hidden").then(), "name");

        as(user).get("/skills").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void theAgentWorkerReadsAllTheOwnersSkillsAndNoOneElsesAndOnlyIt() {
        String user = newUser();
        as(user).body(Map.of("name", "python", "triggers", List.of("python"), "content", "Use pytest.")).post("/skills")
                .then().statusCode(201);
        as(user).body(Map.of("name", "always", "content", "Be brief.")).post("/skills").then().statusCode(201);
        as(newUser()).body(Map.of("name", "strangers", "content", "Not yours.")).post("/skills").then().statusCode(201);
        String conversation = as(user).post("/conversations").then().statusCode(201).extract().path("id");
        String path = "/internal/conversations/" + conversation + "/skills";

        internal().get(path).then().statusCode(200)
                .body("name", equalTo(List.of("always", "python")))
                .body("[0].triggers", equalTo(List.of()))
                .body("[1].triggers", equalTo(List.of("python")))
                .body("[1].content", is("Use pytest."));
        integrations().get(path).then().statusCode(403);
        as(user).get(path).then().statusCode(403);
    }
}
