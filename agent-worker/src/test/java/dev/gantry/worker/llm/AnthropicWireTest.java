package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.GantryJson;
import dev.gantry.worker.llm.provider.ProviderOptions;
import dev.gantry.worker.support.ScriptedWireServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model named {@code anthropic/...} is asked over Anthropic's Messages API, tool use included. */
class AnthropicWireTest {

    private static WireFixture wire;

    private final String prefix = ScriptedWireServer.prefix();
    private final String messages = prefix + "/v1/messages";

    @BeforeAll
    static void start() {
        wire = new WireFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        wire.close();
    }

    @Test
    void aToolUseAnswerBecomesAToolCallAndItsResultGoesBackAsAToolResultBlock() throws Exception {
        wire.server.answer(messages, """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "I will list the files."},
                             {"type": "tool_use", "id": "toolu_01", "name": "terminal", "input": {"command": "ls"}}],
                 "stop_reason": "tool_use", "usage": {"input_tokens": 120, "output_tokens": 30}}""")
                .answer(messages, """
                {"id": "msg_02", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "There are two files."}],
                 "stop_reason": "end_turn", "usage": {"input_tokens": 160, "output_tokens": 8}}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1", "anthropic/claude-sonnet-4-5",
                "sk-ant-test", "user-1");

        LlmReply first = wire.caller().chat(settings, WireFixture.question(), List.of(WireFixture.TERMINAL));

        assertThat(first.responseId()).isEqualTo("msg_01");
        assertThat(first.model()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(first.promptTokens()).isEqualTo(120);
        assertThat(first.completionTokens()).isEqualTo(30);
        assertThat(first.message().text()).isEqualTo("I will list the files.");
        ToolExecutionRequest call = first.message().toolExecutionRequests().getFirst();
        assertThat(call.id()).isEqualTo("toolu_01");
        assertThat(call.name()).isEqualTo("terminal");
        assertThat(GantryJson.mapper().readTree(call.arguments())).isEqualTo(GantryJson.mapper().readTree("{\"command\": \"ls\"}"));

        ScriptedWireServer.Request asked = wire.server.requests(messages).getFirst();
        assertThat(asked.method()).isEqualTo("POST");
        assertThat(asked.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(asked.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(asked.header("authorization")).isNull();
        JsonNode body = asked.body();
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(8192);
        assertThat(body.path("system").toString()).contains("You are a careful agent.");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("terminal");
        assertThat(body.path("tools").get(0).path("input_schema").path("properties").path("command").path("type").asText())
                .isEqualTo("string");

        LlmReply second = wire.caller().chat(settings, WireFixture.afterTool(call, "a.txt\nb.txt"),
                List.of(WireFixture.TERMINAL));

        assertThat(second.message().text()).isEqualTo("There are two files.");
        assertThat(second.message().hasToolExecutionRequests()).isFalse();
        JsonNode history = wire.server.requests(messages).get(1).body().path("messages");
        JsonNode assistant = history.get(1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("content").findValuesAsText("type")).contains("tool_use");
        JsonNode result = history.get(2);
        assertThat(result.path("role").asText()).isEqualTo("user");
        assertThat(result.path("content").get(0).path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("content").get(0).path("tool_use_id").asText()).isEqualTo("toolu_01");
        assertThat(result.path("content").get(0).toString()).contains("a.txt\\nb.txt");
    }

    @Test
    void theSystemPromptAndToolsAreMarkedForThePromptCacheAndItsReadsAndWritesAreCounted() {
        wire.server.answer(messages, """
                {"id": "msg_03", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "Done."}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 50, "cache_creation_input_tokens": 2000, "cache_read_input_tokens": 6000,
                           "output_tokens": 10}}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1", "anthropic/claude-sonnet-4-5",
                "sk-ant-test", "user-1");

        LlmReply reply = wire.caller().chat(settings, WireFixture.question(), List.of(WireFixture.TERMINAL));

        JsonNode body = wire.server.requests(messages).getLast().body();
        assertThat(body.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("tools").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        // Anthropic's input_tokens leave out what was read from and written to the cache
        assertThat(reply.promptTokens()).isEqualTo(8050);
        assertThat(reply.cachedPromptTokens()).isEqualTo(6000);
        assertThat(reply.cacheWritePromptTokens()).isEqualTo(2000);
    }

    @Test
    void promptCachingTurnedOffSendsNoCacheMarks() {
        wire.server.answer(messages, """
                {"id": "msg_04", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "Done."}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 50, "output_tokens": 10}}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1", "anthropic/claude-sonnet-4-5",
                "sk-ant-test", "user-1");
        ProviderOptions defaults = DirectLlm.options(List.of());
        ProviderOptions uncached = new ProviderOptions(defaults.fallbackModels(), null, null, null, 8192, false, null,
                defaults.endpoints());

        wire.caller(uncached).chat(settings, WireFixture.question(), List.of(WireFixture.TERMINAL));

        assertThat(wire.server.requests(messages).getLast().body().toString()).doesNotContain("cache_control");
    }

    @Test
    void anOverloadedAnswerMayPassAndSaysWhyInAnthropicsOwnWords() {
        wire.server.answer(messages, 529, """
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1", "anthropic/claude-sonnet-4-5",
                "sk-ant-test", "user-1");

        assertThatThrownBy(() -> wire.caller().chat(settings, WireFixture.question(), List.of()))
                .isInstanceOf(TransientLlmFailureException.class)
                .hasMessage("the LLM call to anthropic/claude-sonnet-4-5 failed: HTTP 529: Overloaded");
    }

    @Test
    void aBadRequestIsAFailureForGoodWithAnthropicsReason() {
        wire.server.answer(messages, 400, """
                {"type": "error", "error": {"type": "invalid_request_error",
                 "message": "prompt is too long: 210000 tokens > 200000 maximum"}}""");
        LlmSettings settings = new LlmSettings(wire.server.url() + prefix + "/v1", "anthropic/claude-sonnet-4-5",
                null, "user-1");

        assertThatThrownBy(() -> wire.caller().chat(settings, WireFixture.question(), List.of()))
                .isInstanceOf(LlmFailureException.class)
                .isNotInstanceOf(TransientLlmFailureException.class)
                .hasMessageEndingWith("HTTP 400: prompt is too long: 210000 tokens > 200000 maximum");
    }
}
