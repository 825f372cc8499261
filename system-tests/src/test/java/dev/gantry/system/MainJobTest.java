package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.Platform;
import dev.gantry.system.platform.Tokens;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The main job of the platform, through the public API only: an agent writes and runs a program. */
class MainJobTest {

    private static final Duration DONE_WITHIN = Duration.ofMinutes(2);

    private static Platform platform;
    private static Tokens tokens;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        tokens = new Tokens(platform.home());
    }

    @Test
    void anAgentCreatesAndRunsAProgramAndFinishesWhileAClientWatchesLive() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PublicApi alice = new PublicApi(tokens.forUser("alice-" + suffix));
        String model = "main-job-" + suffix;
        alice.useScriptedLlm(model);

        JsonPath conversation = alice.request().body(Map.of("title", "hello")).post("/api/v1/conversations")
                .then().statusCode(201).extract().jsonPath();
        String id = conversation.getString("id");
        String workspace = platform.home().resolve("sandboxes").resolve(conversation.getString("sandboxId"))
                .resolve("workspace").toString();
        platform.llm().script(model)
                .toolCall("file_editor", """
                        {"command": "create", "path": "%s/hello.py", "file_text": "print('hello')\\n"}"""
                        .formatted(workspace))
                .toolCall("terminal", "{\"command\": \"python3 hello.py\"}")
                .toolCall("finish", "{\"message\": \"hello.py prints hello\"}");

        try (EventStreamRecorder live = new EventStreamRecorder(platform.gateway(), id, alice.token())) {
            alice.request().body(Map.of("content", "create hello.py printing hello, run it, then finish", "run", true))
                    .post("/api/v1/conversations/" + id + "/messages").then().statusCode(202);

            await().atMost(DONE_WITHIN).until(() -> status(alice, id), s -> s.equals("finished"));
            List<ConversationEvent> stored = allEvents(alice, id);
            await().atMost(Duration.ofSeconds(10)).until(() -> live.events().size() >= stored.size());

            assertThat(stored).extracting(ConversationEvent::seq)
                    .as("gap-free seq from 1").containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size())
                            .boxed().toList());
            assertThat(live.events()).as("the live client got every event, in order")
                    .extracting(ConversationEvent::id).containsExactlyElementsOf(stored.stream()
                            .map(ConversationEvent::id).toList());
            assertThat(stored).map(ConversationEvent::payload).filteredOn(ActionEvent.class::isInstance)
                    .map(p -> ((ActionEvent) p).toolName()).containsExactly("file_editor", "terminal", "finish");
            assertThat(stored).map(ConversationEvent::payload).filteredOn(ObservationEvent.class::isInstance)
                    .map(p -> (ObservationEvent) p).filteredOn(o -> o.toolName().equals("terminal"))
                    .singleElement().satisfies(o -> {
                        assertThat(o.content()).contains("hello");
                        assertThat(o.exitCode()).isZero();
                    });
            assertThat(stored).map(ConversationEvent::payload).filteredOn(ConversationStateUpdateEvent.class::isInstance)
                    .map(p -> ((ConversationStateUpdateEvent) p).status()).filteredOn(java.util.Objects::nonNull)
                    .last().isEqualTo(ExecutionStatus.FINISHED);
        }

        String file = alice.request().queryParam("path", workspace + "/hello.py")
                .get("/api/v1/conversations/" + id + "/files").then().statusCode(200).extract().asString();
        assertThat(file).isEqualTo("print('hello')\n");
    }

    static String status(PublicApi user, String id) {
        return user.request().get("/api/v1/conversations/" + id).then().statusCode(200).extract().path("status");
    }

    static List<ConversationEvent> allEvents(PublicApi user, String id) throws IOException {
        String page = user.request().queryParam("limit", 100).get("/api/v1/conversations/" + id + "/events")
                .then().statusCode(200).extract().asString();
        JsonNode items = GantryJson.mapper().readTree(page).get("items");
        return GantryJson.mapper().readerForListOf(ConversationEvent.class).readValue(items);
    }
}
