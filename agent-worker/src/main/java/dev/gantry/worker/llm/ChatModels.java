package dev.gantry.worker.llm;

import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.OutboundHttpClient;
import dev.gantry.worker.config.WorkerConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI-compatible chat models, one per (base URL, model, API key): langchain4j's OpenAI client over
 * {@link PinnedLlmHttpClient}, so every call goes only to an address the outbound policy accepts. Retries
 * are not theirs: {@link LlmCaller} declares them.
 */
@ApplicationScoped
class ChatModels {

    /** Sent when a conversation names no API key: local OpenAI-compatible servers ignore it. */
    private static final String NO_KEY = "none";

    private final Map<LlmSettings, ChatModel> models = new ConcurrentHashMap<>();
    private final OutboundHttpClient http;
    private final Duration timeout;

    @Inject
    ChatModels(WorkerConfig config, Vertx vertx, AddressPolicy policy) {
        this(new OutboundHttpClient(vertx, policy, config.llm().connectTimeout(), PinnedLlmHttpClient.MAX_ANSWER_BYTES),
                config.llm().timeout());
    }

    ChatModels(OutboundHttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    ChatModel model(LlmSettings settings) {
        return models.computeIfAbsent(settings, s -> OpenAiChatModel.builder()
                .httpClientBuilder(new PinnedLlmHttpClient.Builder(http, timeout))
                .baseUrl(s.baseUrl())
                .apiKey(s.apiKey() == null ? NO_KEY : s.apiKey())
                .modelName(s.model())
                .timeout(timeout)
                .maxRetries(0)
                .parallelToolCalls(true)
                .build());
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
