package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.contracts.llm.LlmProvider;
import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.HostResolver;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.llm.provider.ProviderOptions;
import dev.gantry.worker.support.ScriptedWireServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a conversation's model reaches its provider: the prefix stripped, the installation's endpoint and key when
 * the conversation names none, the sampling settings on each provider's wire, the outbound policy for all.
 */
class ProviderRoutingTest {

    private static WireFixture wire;
    private static ScriptedLlmServer openAi;

    private final String prefix = ScriptedWireServer.prefix();

    @BeforeAll
    static void start() {
        wire = new WireFixture();
        openAi = ScriptedLlmServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        openAi.close();
        wire.close();
    }

    @Test
    void theOpenAiPrefixIsStrippedAndTheRestOfTheNameSentWhole() {
        String name = "meta-llama/Llama-" + UUID.randomUUID();
        openAi.script(name).text("served by vLLM");

        LlmReply reply = wire.caller().chat(new LlmSettings(openAi.baseUrl(), "openai/" + name, "sk-test", "user-1"),
                WireFixture.question(), List.of());

        assertThat(reply.message().text()).isEqualTo("served by vLLM");
        assertThat(reply.model()).isEqualTo("openai/" + name);
        assertThat(openAi.requests(name)).singleElement()
                .satisfies(request -> assertThat(request.path("model").asText()).isEqualTo(name));
    }

    @Test
    void aModelSavedWithAnUnknownPrefixBeforePrefixesWereCheckedIsStillCalledByItsWholeName() {
        String name = "acme-" + UUID.randomUUID() + "/coder";
        openAi.script(name).text("still served");

        assertThat(wire.caller().chat(new LlmSettings(openAi.baseUrl(), name, "sk-test", "user-1"),
                WireFixture.question(), List.of()).message().text()).isEqualTo("still served");
    }

    @Test
    void withoutAnEndpointOfItsOwnAConversationGoesToTheInstallationsWithTheInstallationsKey() {
        String messages = prefix + "/v1/messages";
        wire.server.answer(messages, anthropicText("from the installation's endpoint"));
        ProviderOptions options = withAnthropic(wire.server.url() + prefix + "/v1", "sk-ant-installation");

        LlmReply reply = wire.caller(options).chat(new LlmSettings(null, "anthropic/claude-haiku-4-5", null, "user-1"),
                WireFixture.question(), List.of());

        assertThat(reply.message().text()).isEqualTo("from the installation's endpoint");
        assertThat(wire.server.requests(messages).getFirst().header("x-api-key")).isEqualTo("sk-ant-installation");
    }

    @Test
    void theInstallationsKeyNeverGoesToAnEndpointTheUserNamed() {
        String own = ScriptedWireServer.prefix();
        wire.server.answer(own + "/v1/messages", anthropicText("from the user's endpoint"));
        ProviderOptions options = withAnthropic(wire.server.url() + prefix + "/v1", "sk-ant-installation");

        wire.caller(options).chat(new LlmSettings(wire.server.url() + own + "/v1", "anthropic/claude-haiku-4-5", null,
                "user-1"), WireFixture.question(), List.of());

        assertThat(wire.server.requests(own + "/v1/messages").getFirst().header("x-api-key")).isEqualTo("none");
    }

    @Test
    void temperatureTopPAndMaxOutputTokensReachEveryProvidersWire() {
        ProviderOptions options = new ProviderOptions(List.of(), 0.2, 0.9, 1000, 8192, true, 32768,
                DirectLlm.options(List.of()).endpoints());
        LlmCaller caller = wire.caller(options);
        String base = wire.server.url() + prefix;
        wire.server.answer(prefix + "/v1/messages", anthropicText("ok"))
                .answer(prefix + "/v1beta/models/gemini-2.5-flash:generateContent", """
                        {"candidates": [{"content": {"role": "model", "parts": [{"text": "ok"}]}, "finishReason": "STOP"}],
                         "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 1, "totalTokenCount": 11}}""")
                .answer(prefix + "/api/chat", """
                        {"model": "qwen3:8b", "created_at": "2026-01-05T10:00:00Z",
                         "message": {"role": "assistant", "content": "ok"}, "done": true}""");
        String name = "sampled-" + UUID.randomUUID();
        openAi.script(name).text("ok");

        caller.chat(new LlmSettings(base + "/v1", "anthropic/claude-haiku-4-5", "k", "u"), WireFixture.question(), List.of());
        caller.chat(new LlmSettings(base + "/v1beta", "gemini/gemini-2.5-flash", "k", "u"), WireFixture.question(), List.of());
        caller.chat(new LlmSettings(base, "ollama/qwen3:8b", null, "u"), WireFixture.question(), List.of());
        caller.chat(new LlmSettings(openAi.baseUrl(), name, "k", "u"), WireFixture.question(), List.of());

        JsonNode anthropic = wire.server.requests(prefix + "/v1/messages").getFirst().body();
        assertThat(anthropic.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(anthropic.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(1000);
        JsonNode gemini = wire.server.requests(prefix + "/v1beta/models/gemini-2.5-flash:generateContent").getFirst()
                .body().path("generationConfig");
        assertThat(gemini.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(gemini.path("topP").asDouble()).isEqualTo(0.9);
        assertThat(gemini.path("maxOutputTokens").asInt()).isEqualTo(1000);
        JsonNode ollama = wire.server.requests(prefix + "/api/chat").getFirst().body().path("options");
        assertThat(ollama.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(ollama.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(ollama.path("num_predict").asInt()).isEqualTo(1000);
        assertThat(ollama.path("num_ctx").asInt()).isEqualTo(32768);
        JsonNode openAiRequest = openAi.requests(name).getFirst();
        assertThat(openAiRequest.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(openAiRequest.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(openAiRequest.path("max_completion_tokens").asInt()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-pro", "ollama/qwen3:8b", "openai/gpt-4o"})
    void everyProviderIsHeldToTheOutboundPolicyAndAskedNothingWhenRefused(String model) {
        LlmCaller strict = DirectLlm.caller(wire.vertx, new AddressPolicy(false, HostResolver.SYSTEM),
                DirectLlm.options(List.of()), new SimpleMeterRegistry());

        assertThatThrownBy(() -> strict.chat(new LlmSettings(wire.server.url() + prefix + "/v1", model, "k", "u"),
                WireFixture.question(), List.of()))
                .isInstanceOf(LlmFailureException.class)
                .isNotInstanceOf(TransientLlmFailureException.class)
                .hasMessageContaining("the LLM call to " + model
                        + " failed: baseUrl resolves to a non-public address: 127.0.0.1");
        assertThat(wire.server.requests(prefix + "/v1/messages")).isEmpty();
        assertThat(wire.server.requests(prefix + "/v1/models/gemini-2.5-pro:generateContent")).isEmpty();
        assertThat(wire.server.requests(prefix + "/v1/api/chat")).isEmpty();
        assertThat(wire.server.requests(prefix + "/v1/chat/completions")).isEmpty();
    }

    @Test
    void theReplayModelIsNoModelAnLlmServes() {
        assertThatThrownBy(() -> wire.caller().chat(new LlmSettings(null, "gantry/other", null, "u"),
                WireFixture.question(), List.of()))
                .isInstanceOf(LlmFailureException.class)
                .hasMessage("the model gantry/other is not one an LLM serves");
    }

    static String anthropicText(String text) {
        return """
                {"id": "msg_%s", "type": "message", "role": "assistant", "model": "claude",
                 "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 10, "output_tokens": 2}}""".formatted(UUID.randomUUID(), text);
    }

    private static ProviderOptions withAnthropic(String baseUrl, String key) {
        List<ProviderOptions.Installed> endpoints = DirectLlm.options(List.of()).endpoints().stream()
                .map(e -> e.provider() == LlmProvider.ANTHROPIC ? new ProviderOptions.Installed(LlmProvider.ANTHROPIC,
                        baseUrl, key) : e)
                .toList();
        return new ProviderOptions(List.of(), null, null, null, 8192, true, null, endpoints);
    }
}
