package dev.gantry.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.contracts.llm.LlmProvider;
import dev.gantry.worker.llm.provider.ProviderOptions;
import dev.gantry.worker.support.ScriptedWireServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The installation's fallback models: asked in turn when a model fails for a reason that may pass (here after no
 * retries: the fault tolerance interceptor is not in play), one of the conversation's provider at its endpoint
 * with its key, one of another provider at the installation's endpoint with the installation's key.
 */
class FallbackModelsTest {

    private static final String OVERLOADED = """
            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""";

    private WireFixture wire;
    private final String own = ScriptedWireServer.prefix();
    private final String installed = ScriptedWireServer.prefix();
    private final String anthropic = own + "/v1/messages";
    private final String gemini = installed + "/v1beta/models/gemini-2.5-flash:generateContent";

    @BeforeEach
    void start() {
        wire = new WireFixture();
    }

    @AfterEach
    void stop() throws Exception {
        wire.close();
    }

    @Test
    void aModelThatStaysOverloadedGivesWayToTheFallbacksInTurnEachAtItsOwnEndpoint() {
        wire.server.answer(anthropic, 529, OVERLOADED).answer(anthropic, 503, OVERLOADED);
        wire.server.answer(gemini, """
                {"candidates": [{"content": {"role": "model", "parts": [{"text": "Gemini answers."}]},
                  "finishReason": "STOP"}],
                 "usageMetadata": {"promptTokenCount": 50, "candidatesTokenCount": 3, "totalTokenCount": 53}}""");

        LlmReply reply = wire.caller(options(List.of("anthropic/claude-haiku-4-5", "gemini/gemini-2.5-flash")))
                .chat(conversation(), WireFixture.question(), List.of());

        assertThat(reply.message().text()).isEqualTo("Gemini answers.");
        assertThat(reply.model()).isEqualTo("gemini/gemini-2.5-flash");
        assertThat(wire.server.requests(anthropic)).extracting(r -> r.body().path("model").asText())
                .containsExactly("claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(wire.server.requests(anthropic)).extracting(r -> r.header("x-api-key"))
                .containsExactly("sk-ant-user", "sk-ant-user");
        assertThat(wire.server.requests(gemini)).singleElement()
                .satisfies(r -> assertThat(r.header("x-goog-api-key")).isEqualTo("gm-installation"));
        assertThat(wire.registry.get("gantry.worker.llm.fallbacks").tags("model", "anthropic/claude-sonnet-4-5",
                "fallback", "anthropic/claude-haiku-4-5", "user", "user-7").counter().count()).isEqualTo(1);
        assertThat(wire.registry.get("gantry.worker.llm.fallbacks").tags("model", "anthropic/claude-haiku-4-5",
                "fallback", "gemini/gemini-2.5-flash", "user", "user-7").counter().count()).isEqualTo(1);
        assertThat(wire.registry.get("gantry.worker.llm.errors").tags("reason", "server_error", "user", "user-7")
                .counters()).hasSize(2);
    }

    @Test
    void whenEveryModelFailsTheErrorSaysWhatEachOnesFailureWas() {
        wire.server.answer(anthropic, 529, OVERLOADED);
        wire.server.answer(gemini, 503, """
                {"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}""");

        assertThatThrownBy(() -> wire.caller(options(List.of("gemini/gemini-2.5-flash")))
                .chat(conversation(), WireFixture.question(), List.of()))
                .isInstanceOf(TransientLlmFailureException.class)
                .hasMessage("the LLM call to anthropic/claude-sonnet-4-5 failed: HTTP 529: Overloaded;"
                        + " the LLM call to gemini/gemini-2.5-flash failed: HTTP 503: The model is overloaded.");
    }

    @Test
    void aFailureForGoodAsksNoFallback() {
        wire.server.answer(anthropic, 401, """
                {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}""");

        assertThatThrownBy(() -> wire.caller(options(List.of("gemini/gemini-2.5-flash")))
                .chat(conversation(), WireFixture.question(), List.of()))
                .isInstanceOf(LlmFailureException.class)
                .isNotInstanceOf(TransientLlmFailureException.class)
                .hasMessage("the LLM call to anthropic/claude-sonnet-4-5 failed: HTTP 401: invalid x-api-key");
        assertThat(wire.server.requests(gemini)).isEmpty();
        assertThat(wire.registry.get("gantry.worker.llm.errors").tags("reason", "authentication").counter().count())
                .isEqualTo(1);
    }

    private LlmSettings conversation() {
        return new LlmSettings(wire.server.url() + own + "/v1", "anthropic/claude-sonnet-4-5", "sk-ant-user", "user-7");
    }

    private ProviderOptions options(List<String> fallbacks) {
        List<ProviderOptions.Installed> endpoints = DirectLlm.options(List.of()).endpoints().stream()
                .map(e -> e.provider() == LlmProvider.GEMINI ? new ProviderOptions.Installed(LlmProvider.GEMINI,
                        wire.server.url() + installed + "/v1beta", "gm-installation") : e)
                .toList();
        return new ProviderOptions(fallbacks, null, null, null, 8192, true, null, endpoints);
    }
}
