package dev.gantry.worker.llm.provider;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * Builds langchain4j's own client for a model's provider, each over the HTTP client it is handed (the worker's
 * pinned one, so that no provider reaches an address the outbound policy refuses), none retrying on its own.
 */
public final class ChatModelFactory {

    /** Sent when a conversation names no API key: the OpenAI and Anthropic clients need one, local servers ignore it. */
    private static final String NO_KEY = "none";

    private final ProviderOptions options;

    public ChatModelFactory(ProviderOptions options) {
        this.options = options;
    }

    public ChatModel create(ModelEndpoint endpoint, HttpClientBuilder http, Duration timeout) {
        String baseUrl = withoutTrailingSlash(endpoint.baseUrl());
        String key = endpoint.apiKey() == null ? NO_KEY : endpoint.apiKey();
        return switch (endpoint.provider()) {
            case OPENAI -> OpenAiChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl)
                    .apiKey(key)
                    .modelName(endpoint.modelName())
                    .temperature(options.temperature())
                    .topP(options.topP())
                    .maxCompletionTokens(options.maxOutputTokens())
                    .timeout(timeout)
                    .maxRetries(0)
                    .parallelToolCalls(true)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl)
                    .apiKey(key)
                    .modelName(endpoint.modelName())
                    .temperature(options.temperature())
                    .topP(options.topP())
                    .maxTokens(options.maxOutputTokens() != null ? options.maxOutputTokens() : options.anthropicMaxTokens())
                    // the prefix every call of a conversation repeats: cached, later calls read it at a tenth of the price
                    .cacheSystemMessages(options.anthropicPromptCaching())
                    .cacheTools(options.anthropicPromptCaching())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl)
                    .apiKey(key)
                    .modelName(endpoint.modelName())
                    .temperature(options.temperature())
                    .topP(options.topP())
                    .maxOutputTokens(options.maxOutputTokens())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(baseUrl)
                    // Ollama itself takes no key; a proxy in front of it may want one
                    .customHeaders(endpoint.apiKey() == null ? Map.of()
                            : Map.of("Authorization", "Bearer " + endpoint.apiKey()))
                    .modelName(endpoint.modelName())
                    .temperature(options.temperature())
                    .topP(options.topP())
                    .numPredict(options.maxOutputTokens())
                    .numCtx(options.ollamaNumCtx())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case GANTRY -> throw new IllegalArgumentException("no LLM serves " + endpoint.modelName());
        };
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
