package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.support.ScriptedWireServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model named {@code ollama/...} is asked over Ollama's own chat API ({@code /api/chat}), tool calls included. */
class OllamaWireTest {

    private static WireFixture wire;

    private final String prefix = ScriptedWireServer.prefix();
    private final String chat = prefix + "/api/chat";

    @BeforeAll
    static void start() {
        wire = new WireFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        wire.close();
    }

    @Test
    void aToolCallIsReadAndItsResultGoesBackAsAToolMessage() throws Exception {
        wire.server.answer(chat, """
                {"model": "qwen3:8b", "created_at": "2026-01-05T10:00:00.000000Z",
                 "message": {"role": "assistant", "content": "",
                             "tool_calls": [{"function": {"name": "terminal", "arguments": {"command": "ls"}}}]},
                 "done": true, "done_reason": "stop", "prompt_eval_count": 90, "eval_count": 15}""")
                .answer(chat, """
                {"model": "qwen3:8b", "created_at": "2026-01-05T10:00:01.000000Z",
                 "message": {"role": "assistant", "content": "There are two files."},
                 "done": true, "done_reason": "stop", "prompt_eval_count": 120, "eval_count": 6}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix, "ollama/qwen3:8b", null, "user-1");

        LlmReply first = wire.caller().chat(settings, WireFixture.question(), List.of(WireFixture.TERMINAL));

        assertThat(first.model()).isEqualTo("ollama/qwen3:8b");
        assertThat(first.promptTokens()).isEqualTo(90);
        assertThat(first.completionTokens()).isEqualTo(15);
        ToolExecutionRequest call = first.message().toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("terminal");
        assertThat(GantryJson.mapper().readTree(call.arguments())).isEqualTo(GantryJson.mapper().readTree("{\"command\": \"ls\"}"));

        ScriptedWireServer.Request asked = wire.server.requests(chat).getFirst();
        assertThat(asked.header("authorization")).isNull();
        JsonNode body = asked.body();
        assertThat(body.path("model").asText()).isEqualTo("qwen3:8b");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("terminal");

        LlmReply second = wire.caller().chat(settings, WireFixture.afterTool(call, "a.txt\nb.txt"),
                List.of(WireFixture.TERMINAL));

        assertThat(second.message().text()).isEqualTo("There are two files.");
        JsonNode messages = wire.server.requests(chat).get(1).body().path("messages");
        assertThat(messages.get(2).path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo("terminal");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("a.txt\nb.txt");
    }

    @Test
    void aKeyTheConversationNamesGoesToAProxyInFrontOfOllamaAsABearerToken() {
        wire.server.answer(chat, """
                {"model": "llama3.1", "created_at": "2026-01-05T10:00:00Z",
                 "message": {"role": "assistant", "content": "hello"}, "done": true,
                 "prompt_eval_count": 5, "eval_count": 1}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix, "ollama_chat/llama3.1", "proxy-key",
                "user-1");

        assertThat(wire.caller().chat(settings, WireFixture.question(), List.of()).message().text()).isEqualTo("hello");

        ScriptedWireServer.Request asked = wire.server.requests(chat).getFirst();
        assertThat(asked.header("authorization")).isEqualTo("Bearer proxy-key");
        assertThat(asked.body().path("model").asText()).isEqualTo("llama3.1");
    }
}
