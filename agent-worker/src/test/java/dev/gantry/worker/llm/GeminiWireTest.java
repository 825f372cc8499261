package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.support.ScriptedWireServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model named {@code gemini/...} is asked over Google's Gemini API (generateContent), function calls included. */
class GeminiWireTest {

    private static WireFixture wire;

    private final String prefix = ScriptedWireServer.prefix();
    private final String generate = prefix + "/v1beta/models/gemini-2.5-pro:generateContent";

    @BeforeAll
    static void start() {
        wire = new WireFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        wire.close();
    }

    @Test
    void aFunctionCallBecomesAToolCallAndItsResultGoesBackAsAFunctionResponse() throws Exception {
        wire.server.answer(generate, """
                {"candidates": [{"content": {"role": "model", "parts": [
                    {"text": "I will list the files."},
                    {"functionCall": {"name": "terminal", "args": {"command": "ls"}}}]},
                  "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 100, "candidatesTokenCount": 20, "totalTokenCount": 120},
                 "modelVersion": "gemini-2.5-pro", "responseId": "resp-01"}""")
                .answer(generate, """
                {"candidates": [{"content": {"role": "model", "parts": [{"text": "There are two files."}]},
                  "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 140, "candidatesTokenCount": 6, "totalTokenCount": 146},
                 "modelVersion": "gemini-2.5-pro", "responseId": "resp-02"}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1beta", "gemini/gemini-2.5-pro",
                "gm-test-key", "user-1");

        LlmReply first = wire.caller().chat(settings, WireFixture.question(), List.of(WireFixture.TERMINAL));

        assertThat(first.model()).isEqualTo("gemini/gemini-2.5-pro");
        assertThat(first.promptTokens()).isEqualTo(100);
        assertThat(first.completionTokens()).isEqualTo(20);
        assertThat(first.message().text()).isEqualTo("I will list the files.");
        ToolExecutionRequest call = first.message().toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("terminal");
        assertThat(GantryJson.mapper().readTree(call.arguments())).isEqualTo(GantryJson.mapper().readTree("{\"command\": \"ls\"}"));

        ScriptedWireServer.Request asked = wire.server.requests(generate).getFirst();
        assertThat(asked.header("x-goog-api-key")).isEqualTo("gm-test-key");
        assertThat(asked.query()).isNull();
        JsonNode body = asked.body();
        assertThat(body.path("systemInstruction").toString()).contains("You are a careful agent.");
        assertThat(body.path("contents").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("contents").get(0).toString()).contains("List the files.");
        JsonNode declaration = body.path("tools").get(0).path("functionDeclarations").get(0);
        assertThat(declaration.path("name").asText()).isEqualTo("terminal");
        assertThat(declaration.path("parameters").path("properties").has("command")).isTrue();

        LlmReply second = wire.caller().chat(settings, WireFixture.afterTool(call, "a.txt\nb.txt"),
                List.of(WireFixture.TERMINAL));

        assertThat(second.message().text()).isEqualTo("There are two files.");
        JsonNode contents = wire.server.requests(generate).get(1).body().path("contents");
        assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
        assertThat(contents.get(1).findValue("functionCall").path("name").asText()).isEqualTo("terminal");
        JsonNode response = contents.get(2).findValue("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("terminal");
        assertThat(response.toString()).contains("a.txt\\nb.txt");
    }

    @Test
    void anExhaustedQuotaMayPassAndSaysWhyInGooglesOwnWords() {
        wire.server.answer(generate, 429, """
                {"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).",
                 "status": "RESOURCE_EXHAUSTED"}}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1beta", "gemini/gemini-2.5-pro",
                "gm-test-key", "user-1");

        assertThatThrownBy(() -> wire.caller().chat(settings, WireFixture.question(), List.of()))
                .isInstanceOf(TransientLlmFailureException.class)
                .hasMessage("the LLM call to gemini/gemini-2.5-pro failed: HTTP 429: Resource has been exhausted"
                        + " (e.g. check quota).");
    }
}
