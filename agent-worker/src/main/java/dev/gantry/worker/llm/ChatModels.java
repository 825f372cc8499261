package dev.gantry.worker.llm;

import dev.gantry.platform.net.AddressPolicy;
import dev.gantry.platform.net.OutboundHttpClient;
import dev.gantry.worker.config.WorkerConfig;
import dev.gantry.worker.llm.provider.ChatModelFactory;
import dev.gantry.worker.llm.provider.ModelEndpoint;
import dev.gantry.worker.llm.provider.ProviderOptions;
import dev.langchain4j.model.chat.ChatModel;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat models, one per endpoint (provider, model, base URL, API key): langchain4j's client for the provider over
 * {@link PinnedLlmHttpClient}, so every call of every provider goes only to an address the outbound policy
 * accepts. Retries are not theirs: {@link ModelCall} declares them.
 */
@ApplicationScoped
class ChatModels {

    private final Map<ModelEndpoint, ChatModel> models = new ConcurrentHashMap<>();
    private final OutboundHttpClient http;
    private final Duration timeout;
    private final ChatModelFactory factory;

    @Inject
    ChatModels(WorkerConfig config, Vertx vertx, AddressPolicy policy, ProviderOptions options) {
        this(new OutboundHttpClient(vertx, policy, config.llm().connectTimeout(), PinnedLlmHttpClient.MAX_ANSWER_BYTES),
                config.llm().timeout(), options);
    }

    ChatModels(OutboundHttpClient http, Duration timeout, ProviderOptions options) {
        this.http = http;
        this.timeout = timeout;
        this.factory = new ChatModelFactory(options);
    }

    ChatModel model(ModelEndpoint endpoint) {
        return models.computeIfAbsent(endpoint,
                e -> factory.create(e, new PinnedLlmHttpClient.Builder(http, timeout), timeout));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
