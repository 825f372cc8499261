package dev.gantry.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.system.platform.EventStreamRecorder;
import dev.gantry.system.platform.Platform;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The main job of the platform, through the public API only: an agent writes and runs a program. */
class MainJobTest {

    @Test
    void anAgentCreatesAndRunsAProgramAndFinishesWhileAClientWatchesLive() throws Exception {
        TestUser alice = TestUser.create("alice");
        JsonPath conversation = alice.startConversation();
        String id = conversation.getString("id");
        String workspace = TestUser.agentWorkspace(conversation);
        alice.llm()
                .toolCall("file_editor", """
                        {"command": "create", "path": "%s/hello.py", "file_text": "print('hello')\\n"}"""
                        .formatted(workspace))
                .toolCall("terminal", "{\"command\": \"python3 hello.py\"}")
                .toolCall("finish", "{\"message\": \"hello.py prints hello\"}");

        try (EventStreamRecorder live = new EventStreamRecorder(Platform.get().gateway(), id, alice.api.token())) {
            alice.send(id, "create hello.py printing hello, run it, then finish");

            alice.awaitStatus(id, "finished");
            List<ConversationEvent> stored = alice.events(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> live.events().size() >= stored.size());

            assertThat(stored).extracting(ConversationEvent::seq)
                    .as("gap-free seq from 1").containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size())
                            .boxed().toList());
            assertThat(live.events()).as("the live client got every event, in order")
                    .extracting(ConversationEvent::id).containsExactlyElementsOf(stored.stream()
                            .map(ConversationEvent::id).toList());
            assertThat(stored.getFirst().payload()).as("the agent is told where its project lives")
                    .isInstanceOfSatisfying(SystemPromptEvent.class, prompt ->
                            assertThat(prompt.systemPrompt()).contains("the project lives under " + workspace + "."));
            assertThat(stored).map(ConversationEvent::payload).filteredOn(ActionEvent.class::isInstance)
                    .map(p -> ((ActionEvent) p).toolName()).containsExactly("file_editor", "terminal", "finish");
            assertThat(stored).map(ConversationEvent::payload).filteredOn(ObservationEvent.class::isInstance)
                    .map(p -> (ObservationEvent) p).filteredOn(o -> o.toolName().equals("terminal"))
                    .singleElement().satisfies(o -> {
                        assertThat(o.content()).contains("hello")
                                .as("the shell shows the workspace by the path the prompt names")
                                .contains("[Current working directory: " + workspace + "]");
                        assertThat(o.exitCode()).isZero();
                    });
            assertThat(stored).map(ConversationEvent::payload).filteredOn(ConversationStateUpdateEvent.class::isInstance)
                    .map(p -> ((ConversationStateUpdateEvent) p).status()).filteredOn(Objects::nonNull)
                    .last().isEqualTo(ExecutionStatus.FINISHED);
        }

        String file = alice.api.request().queryParam("path", workspace + "/hello.py")
                .get("/api/v1/conversations/" + id + "/files").then().statusCode(200).extract().asString();
        assertThat(file).isEqualTo("print('hello')\n");
    }
}
