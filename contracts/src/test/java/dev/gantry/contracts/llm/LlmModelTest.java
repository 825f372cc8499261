package dev.gantry.contracts.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlmModelTest {

    @ParameterizedTest
    @CsvSource({
            "gpt-4o,                           OPENAI,    gpt-4o",
            "openai/gpt-4o,                    OPENAI,    gpt-4o",
            "openai/meta-llama/Llama-3.3-70B,  OPENAI,    meta-llama/Llama-3.3-70B",
            "hosted_vllm/Qwen/Qwen3-8B,        OPENAI,    Qwen/Qwen3-8B",
            "litellm_proxy/claude-sonnet-4-5,  OPENAI,    claude-sonnet-4-5",
            "anthropic/claude-sonnet-4-5,      ANTHROPIC, claude-sonnet-4-5",
            "Anthropic/claude-3-5-haiku-latest, ANTHROPIC, claude-3-5-haiku-latest",
            "gemini/gemini-2.5-pro,            GEMINI,    gemini-2.5-pro",
            "ollama/qwen3:8b,                  OLLAMA,    qwen3:8b",
            "ollama_chat/llama3.1,             OLLAMA,    llama3.1",
            "gantry/replay,                    GANTRY,    replay"})
    void aPrefixChoosesTheProviderAndIsStrippedFromTheName(String model, LlmProvider provider, String name) {
        assertThat(LlmModel.parse(model)).isEqualTo(new LlmModel.Parsed.Valid(new LlmModel(provider, name)));
        assertThat(LlmModel.route(model)).isEqualTo(new LlmModel(provider, name));
    }

    @ParameterizedTest
    @CsvSource({
            "deepseek/deepseek-chat, names the provider 'deepseek', which is not one of openai, hosted_vllm",
            "meta-llama/Llama-3.3-70B, (an OpenAI-compatible model whose name has a '/' is written openai/<name>)",
            "anthropic/, names no model after 'anthropic/'",
            "/gpt-4o, names the provider ''"})
    void anUnknownPrefixOrAMissingNameIsRefusedWithItsReason(String model, String reason) {
        assertThat(LlmModel.parse(model)).isInstanceOfSatisfying(LlmModel.Parsed.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains(reason));
    }

    @ParameterizedTest
    @CsvSource({"meta-llama/Llama-3.3-70B", "deepseek/deepseek-chat"})
    void aModelSavedBeforePrefixesWereCheckedIsCalledOpenAiCompatibleByItsWholeName(String model) {
        assertThat(LlmModel.route(model)).isEqualTo(new LlmModel(LlmProvider.OPENAI, model));
    }
}
