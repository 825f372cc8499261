package dev.gantry.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class AgentLoopTest {

    @Test
    void createsAFileRunsItAndFinishesWithGapFreeEvents() throws Exception {
        Conversation conversation = new Conversation();
        String script = conversation.workspace().resolve("hello.sh").toString();
        conversation.script()
                .toolCall("file_editor", """
                        {"command": "create", "path": "%s", "file_text": "echo hello from $((40 + 2))\\n"}""".formatted(script))
                .toolCall("terminal", """
                        {"command": "bash %s"}""".formatted(script))
                .toolCall("finish", """
                        {"message": "The script prints hello from 42."}""");

        conversation.start("Write a script that greets and run it.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ConversationEvent> events = conversation.events();
        assertThat(events).extracting(ConversationEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(conversation.kinds()).containsSubsequence("SystemPromptEvent", "MessageEvent",
                "ActionEvent", "ObservationEvent", "ActionEvent", "ObservationEvent", "ActionEvent", "ObservationEvent",
                "ConversationStateUpdateEvent");
        assertThat(Files.readString(conversation.workspace().resolve("hello.sh"))).contains("echo hello");
        ObservationEvent run = observationOf(events, "terminal");
        assertThat(run.content()).contains("hello from 42");
        assertThat(run.exitCode()).isZero();
        assertThat(conversation.lastStatusUpdate().status()).isEqualTo(ExecutionStatus.FINISHED);

        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(requests.get(0).path("tools").findValuesAsText("name"))
                .contains("terminal", "file_editor", "think", "finish", "task_tracker");
        assertThat(requests.get(2).toString()).contains("hello from 42");
    }

    @Test
    void invalidToolArgumentsGoBackToTheLlmAsAnErrorAndTheAgentRecovers() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCall("think", "{not json")
                .toolCall("no_such_tool", "{}")
                .toolCall("think", "{\"thought\": \"the arguments must be JSON\"}")
                .toolCall("finish", "{\"message\": \"recovered\"}");

        conversation.start("Think, then finish.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<AgentErrorEvent> errors = conversation.events().stream().map(ConversationEvent::payload)
                .filter(AgentErrorEvent.class::isInstance).map(AgentErrorEvent.class::cast).toList();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).toolName()).isEqualTo("think");
        assertThat(errors.get(1).error()).contains("no tool named 'no_such_tool'");
        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests.get(1).toString()).contains("must be a JSON object");
        assertThat(observationOf(conversation.events(), "think").content()).contains("logged");
    }

    @Test
    void textWithoutAToolCallIsAnAgentMessageAndTheAgentWaitsForTheUser() {
        Conversation conversation = new Conversation();
        conversation.script().text("Which file do you mean?").toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Fix the file.");
        conversation.awaitStatus(ExecutionStatus.IDLE);
        conversation.message("app.py");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        assertThat(conversation.kinds()).containsSubsequence("MessageEvent", "MessageEvent", "MessageEvent", "ActionEvent");
        List<JsonNode> requests = WorkerTestResource.llm().requests(conversation.model);
        assertThat(requests.get(1).toString()).contains("Which file do you mean?").contains("app.py");
    }

    @Test
    void parallelToolCallsOfOneResponseGoBackAsOneAssistantMessage() {
        Conversation conversation = new Conversation();
        conversation.script()
                .toolCalls("Two thoughts at once.",
                        ScriptedLlmServer.ToolCall.of("think", "{\"thought\": \"first\"}"),
                        ScriptedLlmServer.ToolCall.of("think", "{\"thought\": \"second\"}"))
                .toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Think in parallel.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        List<ActionEvent> thinks = actions(conversation.events()).subList(0, 2);
        assertThat(thinks.get(0).llmResponseId()).isEqualTo(thinks.get(1).llmResponseId());
        assertThat(thinks.get(0).thought()).isEqualTo("Two thoughts at once.");
        JsonNode messages = WorkerTestResource.llm().requests(conversation.model).get(1).path("messages");
        JsonNode assistant = messages.get(messages.size() - 3);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls")).hasSize(2);
        assertThat(messages.get(messages.size() - 2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(messages.size() - 1).path("role").asText()).isEqualTo("tool");
    }

    @Test
    void theApiKeyIsResolvedByNameAndSentToTheLlm() {
        Conversation conversation = new Conversation();
        conversation.script().toolCall("finish", "{\"message\": \"done\"}");

        conversation.start("Finish.");
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        assertThat(conversation.script().authorizations()).containsExactly("Bearer sk-test-" + conversation.id);
        assertThat(conversation.events()).noneMatch(e -> e.toString().contains("sk-test-"));
    }

    static ObservationEvent observationOf(List<ConversationEvent> events, String tool) {
        return events.stream().map(ConversationEvent::payload)
                .filter(p -> p instanceof ObservationEvent o && o.toolName().equals(tool))
                .map(ObservationEvent.class::cast).findFirst().orElseThrow();
    }

    static List<ActionEvent> actions(List<ConversationEvent> events) {
        return events.stream().map(ConversationEvent::payload).filter(ActionEvent.class::isInstance)
                .map(ActionEvent.class::cast).toList();
    }
}
