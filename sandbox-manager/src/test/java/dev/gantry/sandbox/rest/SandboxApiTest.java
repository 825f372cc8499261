package dev.gantry.sandbox.rest;

import static dev.gantry.sandbox.Api.asUser;
import static dev.gantry.sandbox.Api.internal;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gantry.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The REST contract's answers to bad input and to callers who may not see a sandbox. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SandboxApiTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void unknownIdIsNotFound() {
        asUser("alice").get("/sandboxes/{id}", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM)
                .body("status", is(404)).body("type", containsString("not-found"));
        asUser("alice").get("/sandboxes/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        asUser("alice").post("/sandboxes/{id}/pause", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        asUser("alice").delete("/sandboxes/{id}", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void templateWithInvalidResourcesIsRefusedNamingTheField() {
        asUser("alice").body(Map.of("template", "broken")).post("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("templates.broken.resources.memory-limit",
                        "templates.broken.resources.cpu-request"))
                .body("errors.find { it.field == 'templates.broken.resources.memory-limit' }.reason",
                        containsString("'lots' is not a positive Kubernetes quantity"))
                .body("errors.find { it.field == 'templates.broken.resources.cpu-request' }.reason",
                        containsString("above the limit"));
    }

    @Test
    void badFieldsAreNamed() {
        asUser("alice").body(Map.of("template", "nonesuch")).post("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("template"));
        asUser("alice").body(Map.of("sandboxId", "nope", "conversationId", "nope either")).post("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("sandboxId", "conversationId"));
        asUser("alice").body(Map.of("ownerId", "bob")).post("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("ownerId"));
        internal().body(Map.of()).post("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("ownerId"));
        asUser("alice").body("{\"sandboxId\": ").post("/sandboxes").then().statusCode(400).contentType(PROBLEM);
        asUser("alice").queryParam("limit", 0).get("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("limit"));
        asUser("alice").queryParam("pageId", "garbage!").get("/sandboxes")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("pageId"));
    }

    @Test
    void connectionIsForTheAgentWorkerOnly() {
        UUID id = createRunning("carol");

        asUser("carol").get("/sandboxes/{id}/connection", id).then().statusCode(403).contentType(PROBLEM);
        internal().get("/sandboxes/{id}/connection", id).then().statusCode(200)
                .body("runtimeUrl", containsString("http://127.0.0.1:")).body("sessionApiKey", notNullValue());

        internal().delete("/sandboxes/{id}", id).then().statusCode(204);
    }

    @Test
    void anotherUsersSandboxIsNotFoundAndNotListed() {
        UUID id = createRunning("dave");

        asUser("eve").get("/sandboxes/{id}", id).then().statusCode(404).contentType(PROBLEM);
        asUser("eve").post("/sandboxes/{id}/pause", id).then().statusCode(404);
        asUser("eve").delete("/sandboxes/{id}", id).then().statusCode(404);
        asUser("eve").post("/sandboxes/{id}/resume", id).then().statusCode(404);
        asUser("eve").get("/sandboxes/{id}/files?path=a.txt", id).then().statusCode(404).contentType(PROBLEM);
        asUser("eve").get("/sandboxes/{id}/files/list?path=.", id).then().statusCode(404);
        asUser("eve").body("x").put("/sandboxes/{id}/files?path=a.txt", id).then().statusCode(404);
        asUser("eve").queryParam("ownerId", "dave").get("/sandboxes").then().statusCode(200).body("items", hasSize(0));
        asUser("eve").get("/sandboxes").then().statusCode(200).body("items.ownerId", everyItem(is("eve")));
        asUser("eve").body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(404);

        asUser("dave").delete("/sandboxes/{id}", id).then().statusCode(204);
    }

    @Test
    void createIsIdempotentOnTheSandboxId() {
        UUID id = UUID.randomUUID();
        asUser("frank").body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(201);
        asUser("frank").body(Map.of("sandboxId", id.toString())).post("/sandboxes")
                .then().statusCode(200).body("id", is(id.toString()));

        asUser("frank").delete("/sandboxes/{id}", id).then().statusCode(204);
        asUser("frank").delete("/sandboxes/{id}", id).then().statusCode(204);
        asUser("frank").body(Map.of("sandboxId", id.toString())).post("/sandboxes")
                .then().statusCode(200).body("status", is("DELETED"));
    }

    @Test
    void listsByOwnerAndConversationInPages() {
        UUID conversation = UUID.randomUUID();
        String owner = "grace-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            internal().body(Map.of("ownerId", owner, "conversationId", conversation.toString())).post("/sandboxes")
                    .then().statusCode(201);
        }
        internal().body(Map.of("ownerId", owner)).post("/sandboxes").then().statusCode(201);

        String next = internal().queryParam("ownerId", owner).queryParam("conversationId", conversation.toString())
                .queryParam("limit", 2).get("/sandboxes")
                .then().statusCode(200).body("items", hasSize(2)).body("nextPageId", notNullValue())
                .extract().path("nextPageId");
        internal().queryParam("ownerId", owner).queryParam("conversationId", conversation.toString())
                .queryParam("limit", 2).queryParam("pageId", next).get("/sandboxes")
                .then().statusCode(200).body("items", hasSize(1)).body("nextPageId", nullValue());
        asUser(owner).get("/sandboxes").then().statusCode(200).body("items", hasSize(4));

        for (String id : internal().queryParam("ownerId", owner).get("/sandboxes").then().extract()
                .jsonPath().getList("items.id", String.class)) {
            internal().delete("/sandboxes/{id}", id).then().statusCode(204);
        }
    }

    private static UUID createRunning(String owner) {
        UUID id = UUID.randomUUID();
        asUser(owner).body(Map.of("sandboxId", id.toString())).post("/sandboxes").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> internal()
                .get("/sandboxes/{id}", id).then().statusCode(200).body("status", is("RUNNING")));
        return id;
    }
}
