package dev.gantry.system;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import dev.gantry.testing.llm.ScriptedLlmServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user of the platform for one test: their own token, and their agent answered by a scripted
 * LLM model of their own, so tests never take each other's replies.
 */
final class TestUser {

    static final Duration AGENT_TIMEOUT = Duration.ofMinutes(2);

    final PublicApi api;
    final String model;

    private TestUser(PublicApi api, String model) {
        this.api = api;
        this.model = model;
    }

    static TestUser create(String name) {
        Platform platform = Platform.get();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestUser user = new TestUser(new PublicApi(new Tokens(platform.home()).forUser(name + "-" + suffix)),
                name + "-model-" + suffix);
        user.api.useScriptedLlm(user.model);
        return user;
    }

    /**
     * Connects this user to GitHub as the stand-in answers for it, the repositories on the platform's git server:
     * the token kept in the secret {@code github}; answers the connection.
     */
    JsonPath connectGitHub(String apiUrl, String token) {
        api.request().body(Map.of("name", "github", "value", token)).post("/api/v1/secrets").then().statusCode(201);
        return api.request().body(Map.of("provider", "github", "apiUrl", apiUrl, "gitUrl", Platform.get().git().baseUrl(),
                "tokenSecretName", "github")).post("/api/v1/git/connections").then().statusCode(201).extract().jsonPath();
    }

    ScriptedLlmServer.Script llm() {
        return Platform.get().llm().script(model);
    }

    /** Starts an idle conversation: the test scripts the LLM, then sends the task. */
    JsonPath startConversation() {
        return api.request().body(Map.of("title", "system test")).post("/api/v1/conversations")
                .then().statusCode(201).extract().jsonPath();
    }

    void send(String conversationId, String message) {
        api.request().body(Map.of("content", message, "run", true))
                .post("/api/v1/conversations/" + conversationId + "/messages").then().statusCode(202);
    }

    void act(String conversationId, String action) {
        api.request().post("/api/v1/conversations/" + conversationId + "/" + action).then().statusCode(202);
    }

    String status(String conversationId) {
        return api.request().get("/api/v1/conversations/" + conversationId).then().statusCode(200).extract()
                .path("status");
    }

    void awaitStatus(String conversationId, String status) {
        await().atMost(AGENT_TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> status(conversationId), status::equals);
    }

    /** Every event of the conversation, through the public API, walking the pages. */
    List<ConversationEvent> events(String conversationId) {
        return eventsOf(api, conversationId);
    }

    /** Every event of the conversation, as {@code api}'s user reads them through the public API. */
    static List<ConversationEvent> eventsOf(PublicApi api, String conversationId) {
        List<ConversationEvent> events = new java.util.ArrayList<>();
        long afterSeq = 0;
        while (true) {
            String page = api.request().queryParam("limit", 100).queryParam("afterSeq", afterSeq)
                    .get("/api/v1/conversations/" + conversationId + "/events").then().statusCode(200)
                    .extract().asString();
            try {
                JsonNode items = GantryJson.mapper().readTree(page).get("items");
                List<ConversationEvent> batch = GantryJson.mapper().readerForListOf(ConversationEvent.class)
                        .readValue(items);
                if (batch.isEmpty()) {
                    return events;
                }
                events.addAll(batch);
                afterSeq = batch.getLast().seq();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Where the agent is told its project lives: the manager links it to the workspace of the sandbox's instance. */
    static String agentWorkspace(JsonPath conversation) {
        return Platform.get().home().resolve("workspaces").resolve(conversation.getString("sandboxId")).toString();
    }

    /** The workspace directory of a conversation's sandbox in the process launcher's layout. */
    static String workspace(JsonPath conversation) {
        return Platform.get().home().resolve("sandboxes").resolve(conversation.getString("sandboxId"))
                .resolve("workspace").toString();
    }
}
