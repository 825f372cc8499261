package dev.gantry.worker.llm.provider;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The installation's LLM options stop the worker at start when one is wrong, naming its key and why. */
class ProviderOptionsTest {

    @Test
    void aFallbackModelNoProviderServesIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> options(List.of("anthropic/claude-haiku-4-5", "deepseek/deepseek-chat"), null, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("gantry.worker.llm.fallback-models 'deepseek/deepseek-chat' names the provider"
                        + " 'deepseek', which is not one of openai");
        assertThatThrownBy(() -> options(List.of("gantry/replay"), null, null, null))
                .hasMessage("gantry.worker.llm.fallback-models 'gantry/replay' is not a model an LLM serves");
    }

    @Test
    void samplingValuesOutOfRangeAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> options(List.of(), 2.5, null, null))
                .hasMessage("gantry.worker.llm.temperature must be between 0 and 2, was 2.5");
        assertThatThrownBy(() -> options(List.of(), null, 0.0, null))
                .hasMessage("gantry.worker.llm.top-p must be above 0 and at most 1, was 0.0");
        assertThatThrownBy(() -> options(List.of(), null, null, 0))
                .hasMessage("gantry.worker.llm.max-output-tokens must be at least 1, was 0");
        assertThatCode(() -> options(List.of("gemini/gemini-2.5-flash", "gpt-4o-mini"), 0.0, 1.0, 1)).doesNotThrowAnyException();
    }

    private static ProviderOptions options(List<String> fallbacks, Double temperature, Double topP, Integer maxTokens) {
        return new ProviderOptions(fallbacks, temperature, topP, maxTokens, 8192, true, null, List.of());
    }
}
