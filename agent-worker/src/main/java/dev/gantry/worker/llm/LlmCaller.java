package dev.gantry.worker.llm;

import dev.gantry.contracts.llm.LlmModel;
import dev.gantry.worker.llm.provider.ModelEndpoint;
import dev.gantry.worker.llm.provider.ProviderOptions;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the LLM a conversation names: {@code provider/model} as LiteLLM reads it ({@link LlmModel}), at the
 * conversation's endpoint or else the installation's for that provider. When it fails for a reason that may pass,
 * after its retries ({@link ModelCall}), each of the installation's fallback models is asked in turn: one of the
 * same provider at the same endpoint with the same key, one of another provider at the installation's endpoint
 * for it. The failure of the last says what each one's was.
 */
@ApplicationScoped
public class LlmCaller {

    private final ModelCall calls;
    private final ProviderOptions options;
    private final LlmMetrics metrics;

    LlmCaller(ModelCall calls, ProviderOptions options, LlmMetrics metrics) {
        this.calls = calls;
        this.options = options;
        this.metrics = metrics;
    }

    public LlmReply chat(LlmSettings settings, List<ChatMessage> messages, List<ToolSpecification> tools) {
        LlmModel own = LlmModel.route(settings.model());
        List<String> models = new ArrayList<>(List.of(settings.model()));
        options.fallbackModels().stream().filter(m -> !models.contains(m)).forEach(models::add);
        List<String> failures = new ArrayList<>();
        TransientLlmFailureException last = null;
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            LlmModel target = i == 0 ? own : LlmModel.route(model);
            boolean ownProvider = target.provider() == own.provider();
            ModelEndpoint endpoint = options.endpoint(target, ownProvider ? settings.baseUrl() : null,
                            ownProvider ? settings.apiKey() : null)
                    .orElseThrow(() -> new LlmFailureException("the model " + model + " is not one an LLM serves", null));
            try {
                return calls.chat(model, endpoint, settings.user(), messages, tools);
            } catch (TransientLlmFailureException e) {
                failures.add(e.getMessage());
                last = e;
                if (i + 1 < models.size()) {
                    Log.warnf("%s; asking the fallback model %s", e.getMessage(), models.get(i + 1));
                    metrics.fellBack(model, models.get(i + 1), settings.user());
                }
            }
        }
        throw new TransientLlmFailureException(String.join("; ", failures), last);
    }
}
