package dev.gantry.conversation.outbox;

import static dev.gantry.conversation.support.Api.as;
import static dev.gantry.conversation.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.Topics;
import dev.gantry.conversation.support.CommandLog;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Commands go to Kafka right after the commit, not at the relay's next periodic pass: here that pass comes once an
 * hour, so every command these tests see on Kafka was sent by the wake-up of its commit. A conversation that runs
 * at once has its sandbox asked for in the same commit.
 */
@QuarkusTest
@TestProfile(ImmediateSendTest.HourlyRelay.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = {@ResourceArg(name = "database", value = "gantry_conversations_test"),
                @ResourceArg(name = "jdbc", value = "true")})
class ImmediateSendTest {

    /** The periodic pass runs at start, then not again during the tests. */
    public static final class HourlyRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gantry.outbox.poll-interval", "1h");
        }
    }

    @Test
    void theStartCommandReachesKafkaBeforeTheRelaysPoll() {
        String id = as(newUser()).body(Map.of("title", "quick")).post("/conversations").then().statusCode(201)
                .extract().path("id");

        assertThat(CommandLog.conversationCommands(id, 1).getFirst().path("kind").asText()).isEqualTo("StartConversation");
    }

    @Test
    void commandsCommittedWhileAPassIsUnderWayAreSentRightAfterIt() throws Exception {
        String user = newUser();
        List<String> ids = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(10)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                created.add(callers.submit(() -> as(user).body(Map.of("title", "together")).post("/conversations")
                        .then().statusCode(201).extract().<String>path("id")));
            }
            for (Future<String> conversation : created) {
                ids.add(conversation.get());
            }
        }

        for (String id : ids) {
            assertThat(CommandLog.conversationCommands(id, 1)).extracting(c -> c.path("kind").asText())
                    .containsExactly("StartConversation");
        }
    }

    @Test
    void aSandboxIsRequestedWhenAConversationIsCreatedWithAMessage() {
        String user = newUser();
        JsonPath conversation = as(user).body(Map.of("title", "runs at once", "initialMessage", "list the files"))
                .post("/conversations").then().statusCode(201).extract().jsonPath();

        JsonNode create = CommandLog.awaitExactly(Topics.SANDBOX_COMMANDS, conversation.getString("sandboxId"), 1)
                .getFirst();
        assertThat(create.path("kind").asText()).isEqualTo("CreateSandbox");
        assertThat(create.path("conversationId").asText()).isEqualTo(conversation.getString("id"));
        assertThat(create.path("ownerId").asText()).isEqualTo(user);
        assertThat(CommandLog.conversationCommands(conversation.getString("id"), 1).getFirst().path("kind").asText())
                .isEqualTo("StartConversation");
    }

    @Test
    void anIdleConversationGetsItsSandboxRequestedByTheMessageThatRunsItOnly() {
        String user = newUser();
        JsonPath conversation = as(user).body(Map.of("title", "idle first")).post("/conversations").then()
                .statusCode(201).extract().jsonPath();
        String id = conversation.getString("id");
        as(user).body(Map.of("content", "a note, no run", "run", false)).post("/conversations/" + id + "/messages")
                .then().statusCode(202);
        CommandLog.conversationCommands(id, 2);
        assertThat(CommandLog.on(Topics.SANDBOX_COMMANDS, conversation.getString("sandboxId"))).isEmpty();

        as(user).body(Map.of("content", "now run", "run", true)).post("/conversations/" + id + "/messages")
                .then().statusCode(202);

        assertThat(CommandLog.awaitExactly(Topics.SANDBOX_COMMANDS, conversation.getString("sandboxId"), 1))
                .extracting(c -> c.path("kind").asText()).containsExactly("CreateSandbox");
        assertThat(CommandLog.conversationCommands(id, 3)).extracting(c -> c.path("kind").asText())
                .containsExactly("StartConversation", "SendMessage", "SendMessage");
    }
}
