package dev.gantry.worker.llm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.ScriptedWireServer;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A conversation on an Anthropic model, end to end in the worker, and what its LLM calls leave on /q/metrics. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class ProviderConversationTest {

    private static ScriptedWireServer anthropic;

    private final String prefix = ScriptedWireServer.prefix();
    private final String messages = prefix + "/v1/messages";
    private final String model = "anthropic/claude-sonnet-4-5-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        anthropic = ScriptedWireServer.start();
    }

    @AfterAll
    static void stop() {
        if (anthropic != null) {
            anthropic.close();
        }
    }

    @Test
    void aConversationOnAnthropicRunsAToolCallAndFinishes() {
        Conversation conversation = new Conversation();
        anthropic.answer(messages, toolUse("toolu_run", "Let me run it.", "terminal", """
                        {"command": "echo provider-$((6 * 7))", "security_risk": "LOW"}""", 120, 30))
                .answer(messages, toolUse("toolu_finish", "", "finish", """
                        {"message": "It printed provider-42."}""", 180, 20));

        conversation.start("Print provider-42 with the shell, then finish.", settings(conversation));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        ActionEvent run = conversation.events().stream().map(ConversationEvent::payload)
                .filter(ActionEvent.class::isInstance).map(ActionEvent.class::cast).findFirst().orElseThrow();
        assertThat(run.toolName()).isEqualTo("terminal");
        assertThat(run.toolCallId()).isEqualTo("toolu_run");
        assertThat(run.thought()).isEqualTo("Let me run it.");
        ObservationEvent output = conversation.events().stream().map(ConversationEvent::payload)
                .filter(p -> p instanceof ObservationEvent o && o.toolName().equals("terminal"))
                .map(ObservationEvent.class::cast).findFirst().orElseThrow();
        assertThat(output.content()).contains("provider-42");

        List<ScriptedWireServer.Request> requests = anthropic.requests(messages);
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("x-api-key")).isEqualTo("sk-test-" + conversation.id);
            assertThat(r.body().path("model").asText()).isEqualTo(model.substring("anthropic/".length()));
            assertThat(r.body().path("tools").findValuesAsText("name")).contains("terminal", "finish");
        });
        JsonNode toolResult = requests.get(1).body().path("messages").findParents("tool_use_id").stream()
                .filter(block -> block.path("tool_use_id").asText().equals("toolu_run")).findFirst().orElseThrow();
        assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
        assertThat(toolResult.toString()).contains("provider-42");
    }

    @Test
    void theLlmCallsOfAConversationShowOnQMetricsByModelAndUserRetriesIncluded() {
        Conversation conversation = new Conversation();
        anthropic.answer(messages, 529, """
                        {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""")
                .answer(messages, toolUse("toolu_1", "", "finish", "{\"message\": \"done\"}", 300, 40));

        conversation.start("Finish at once.", settings(conversation));
        conversation.awaitStatus(ExecutionStatus.FINISHED);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String tags = "model=\"" + model + "\"";
        assertThat(metrics)
                .contains("gantry_worker_llm_tokens_total{" + tags + ",type=\"input\",user=\"user-1\"} 300.0")
                .contains("gantry_worker_llm_tokens_total{" + tags + ",type=\"output\",user=\"user-1\"} 40.0")
                .contains("gantry_worker_llm_calls_seconds_count{" + tags + ",outcome=\"answered\",user=\"user-1\"} 1")
                .contains("gantry_worker_llm_calls_seconds_count{" + tags + ",outcome=\"failed\",user=\"user-1\"} 1")
                .contains("gantry_worker_llm_errors_total{" + tags + ",reason=\"server_error\",user=\"user-1\"} 1.0");
    }

    private AgentSettings settings(Conversation conversation) {
        return new AgentSettings(model, anthropic.url() + prefix + "/v1", "llm-key", 100, ConfirmationPolicy.NEVER, null);
    }

    private static String toolUse(String id, String text, String tool, String input, int in, int out) {
        String textBlock = text.isEmpty() ? "" : "{\"type\": \"text\", \"text\": \"" + text + "\"}, ";
        return """
                {"id": "msg_%s", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [%s{"type": "tool_use", "id": "%s", "name": "%s", "input": %s}],
                 "stop_reason": "tool_use", "usage": {"input_tokens": %d, "output_tokens": %d}}"""
                .formatted(UUID.randomUUID(), textBlock, id, tool, input, in, out);
    }
}
