package dev.gantry.worker.llm;

import dev.gantry.worker.config.WorkerConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI-compatible chat models, one per (base URL, model, API key), built through quarkus-langchain4j's
 * builder factory so they use Quarkus' HTTP client. Retries are not theirs: {@link LlmCaller} declares them.
 */
@ApplicationScoped
class ChatModels {

    /** Sent when a conversation names no API key: local OpenAI-compatible servers ignore it. */
    private static final String NO_KEY = "none";

    private final Map<LlmSettings, ChatModel> models = new ConcurrentHashMap<>();
    private final WorkerConfig config;

    ChatModels(WorkerConfig config) {
        this.config = config;
    }

    ChatModel model(LlmSettings settings) {
        return models.computeIfAbsent(settings, s -> OpenAiChatModel.builder()
                .baseUrl(s.baseUrl())
                .apiKey(s.apiKey() == null ? NO_KEY : s.apiKey())
                .modelName(s.model())
                .timeout(config.llm().timeout())
                .maxRetries(0)
                .parallelToolCalls(true)
                .build());
    }
}
