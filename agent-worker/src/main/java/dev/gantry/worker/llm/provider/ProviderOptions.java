package dev.gantry.worker.llm.provider;

import dev.gantry.contracts.llm.LlmModel;
import dev.gantry.contracts.llm.LlmProvider;
import dev.gantry.worker.config.WorkerConfig;
import java.util.List;
import java.util.Optional;

/**
 * The installation's LLM settings besides timeouts ({@code gantry.worker.llm.*}), checked once: each provider's
 * endpoint and key, the fallback models, and what every call is sent (temperature, top-p, the most output
 * tokens). A value out of range or a fallback model no provider serves stops the worker at start, naming the key.
 *
 * @param fallbackModels     the models asked in turn when a call fails for a reason that may pass, as configured
 * @param temperature        null for each provider's default
 * @param topP               null for each provider's default
 * @param maxOutputTokens    null for each provider's default
 * @param anthropicMaxTokens the bound Anthropic is sent when {@code maxOutputTokens} is null
 * @param anthropicPromptCaching whether Anthropic is asked to cache the system prompt and the tools
 * @param ollamaNumCtx       Ollama's context window, null for the server's default
 */
public record ProviderOptions(List<String> fallbackModels, Double temperature, Double topP, Integer maxOutputTokens,
        int anthropicMaxTokens, boolean anthropicPromptCaching, Integer ollamaNumCtx, List<Installed> endpoints) {

    private static final String PREFIX = "gantry.worker.llm.";

    /**
     * The installation's endpoint for one provider.
     *
     * @param apiKey the installation's key for it, or null
     */
    public record Installed(LlmProvider provider, String baseUrl, String apiKey) {

        @Override
        public String toString() {
            return "Installed[provider=" + provider + ", baseUrl=" + baseUrl + "]";
        }
    }

    public ProviderOptions {
        fallbackModels = List.copyOf(fallbackModels);
        endpoints = List.copyOf(endpoints);
        for (String model : fallbackModels) {
            switch (LlmModel.parse(model)) {
                case LlmModel.Parsed.Invalid invalid -> throw refused("fallback-models", "'" + model + "' " + invalid.reason());
                case LlmModel.Parsed.Valid valid when valid.model().provider() == LlmProvider.GANTRY ->
                        throw refused("fallback-models", "'" + model + "' is not a model an LLM serves");
                case LlmModel.Parsed.Valid valid -> {
                }
            }
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw refused("temperature", "must be between 0 and 2, was " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw refused("top-p", "must be above 0 and at most 1, was " + topP);
        }
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw refused("max-output-tokens", "must be at least 1, was " + maxOutputTokens);
        }
        if (anthropicMaxTokens < 1) {
            throw refused("anthropic.max-tokens", "must be at least 1, was " + anthropicMaxTokens);
        }
        if (ollamaNumCtx != null && ollamaNumCtx < 1) {
            throw refused("ollama.num-ctx", "must be at least 1, was " + ollamaNumCtx);
        }
    }

    public static ProviderOptions of(WorkerConfig.Llm llm) {
        return new ProviderOptions(llm.fallbackModels().orElse(List.of()), llm.temperature().orElse(null),
                llm.topP().orElse(null), llm.maxOutputTokens().orElse(null), llm.anthropic().maxTokens(), llm.anthropic().promptCaching(),
                llm.ollama().numCtx().orElse(null), List.of(
                        new Installed(LlmProvider.OPENAI, llm.defaultBaseUrl(), llm.defaultApiKey().orElse(null)),
                        new Installed(LlmProvider.ANTHROPIC, llm.anthropic().baseUrl(), llm.anthropic().apiKey().orElse(null)),
                        new Installed(LlmProvider.GEMINI, llm.gemini().baseUrl(), llm.gemini().apiKey().orElse(null)),
                        new Installed(LlmProvider.OLLAMA, llm.ollama().baseUrl(), llm.ollama().apiKey().orElse(null))));
    }

    /**
     * Where to ask {@code model} for a conversation that names the endpoint {@code baseUrl} and the key {@code apiKey}
     * (either may be null): its own endpoint, else the installation's for the model's provider. The installation's
     * key goes only to the installation's endpoint, and only when the conversation names no key. Empty for a model
     * no endpoint serves ({@code gantry/...}).
     */
    public Optional<ModelEndpoint> endpoint(LlmModel model, String baseUrl, String apiKey) {
        if (baseUrl != null) {
            return Optional.of(new ModelEndpoint(model.provider(), model.name(), baseUrl, apiKey));
        }
        return endpoints.stream().filter(e -> e.provider() == model.provider()).findFirst()
                .map(installed -> new ModelEndpoint(model.provider(), model.name(), installed.baseUrl(),
                        apiKey != null ? apiKey : installed.apiKey()));
    }

    private static IllegalStateException refused(String key, String reason) {
        return new IllegalStateException(PREFIX + key + " " + reason);
    }
}
