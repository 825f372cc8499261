package dev.gantry.contracts.llm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of LLM endpoint a settings {@code model} can name with a {@code provider/} prefix, spelt as LiteLLM
 * spells them: {@code anthropic/claude-sonnet-4-5}, {@code gemini/gemini-2.5-pro}, {@code ollama/qwen3}.
 * A model without a prefix is OpenAI-compatible.
 */
public enum LlmProvider {

    /** OpenAI's chat completions API, and the servers that speak it (vLLM, a LiteLLM proxy, llama.cpp...). */
    OPENAI(List.of("openai", "hosted_vllm", "litellm_proxy")),
    /** Anthropic's Messages API. */
    ANTHROPIC(List.of("anthropic")),
    /** Google's Gemini API (generateContent). */
    GEMINI(List.of("gemini")),
    /** Ollama's own chat API ({@code /api/chat}). */
    OLLAMA(List.of("ollama", "ollama_chat")),
    /** The platform's own: {@code gantry/replay} replays a recorded trajectory, no LLM involved. */
    GANTRY(List.of("gantry"));

    private final List<String> prefixes;

    LlmProvider(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    /** The prefix this provider is usually named by. */
    public String prefix() {
        return prefixes.getFirst();
    }

    /** The provider a prefix names, in any case. */
    public static Optional<LlmProvider> ofPrefix(String prefix) {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.prefixes.contains(wanted)).findFirst();
    }

    /** Every prefix understood, for messages. */
    public static String knownPrefixes() {
        return Arrays.stream(values()).flatMap(p -> p.prefixes.stream()).collect(Collectors.joining(", "));
    }
}
