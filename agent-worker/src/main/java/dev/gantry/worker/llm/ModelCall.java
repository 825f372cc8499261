package dev.gantry.worker.llm;

import dev.gantry.worker.llm.provider.ModelEndpoint;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Asks one model, retrying with exponential backoff what may pass ({@link LlmErrorKind#isTransient()}), and
 * counts every attempt in {@link LlmMetrics}. Tests shorten the backoff through the usual MicroProfile Fault
 * Tolerance properties. A failure's message says why in the worker's words ({@link LlmFailureReason}): the
 * endpoint's answer is never quoted.
 */
@ApplicationScoped
class ModelCall {

    private final ChatModels models;
    private final LlmMetrics metrics;

    ModelCall(ChatModels models, LlmMetrics metrics) {
        this.models = models;
        this.metrics = metrics;
    }

    /**
     * @param model    the model as configured, for messages and metrics
     * @param endpoint where and how to ask it
     * @param user     whom the call is for
     */
    @Retry(maxRetries = 6, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES,
            retryOn = TransientLlmFailureException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 60, maxDelayUnit = ChronoUnit.SECONDS)
    LlmReply chat(String model, ModelEndpoint endpoint, String user, List<ChatMessage> messages,
            List<ToolSpecification> tools) {
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = models.model(endpoint).chat(ChatRequest.builder()
                    .messages(messages)
                    .toolSpecifications(tools)
                    .build());
        } catch (RuntimeException e) {
            LlmErrorKind kind = LlmErrorKind.of(e);
            metrics.failed(model, user, Duration.ofNanos(System.nanoTime() - started), kind);
            String message = "the LLM call to " + model + " failed: " + LlmFailureReason.of(e);
            throw kind.isTransient() ? new TransientLlmFailureException(message, e) : new LlmFailureException(message, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        TokenUsage usage = response.tokenUsage();
        long cached = cachedTokens(usage);
        long written = usage instanceof AnthropicTokenUsage anthropic && anthropic.cacheCreationInputTokens() != null
                ? anthropic.cacheCreationInputTokens() : 0;
        long input = (usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount())
                // Anthropic counts the prompt tokens read from and written to its cache apart from its input tokens
                + (usage instanceof AnthropicTokenUsage ? cached + written : 0);
        long output = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        metrics.answered(model, user, took, input, output);
        String id = response.id() != null ? response.id() : "gantry-" + UUID.randomUUID();
        return new LlmReply(response.aiMessage(), id, input, output, took.toMillis(), cached, model, written);
    }

    /** The prompt tokens the provider served from its prompt cache, as OpenAI-compatible and Anthropic APIs report them. */
    private static long cachedTokens(TokenUsage usage) {
        if (usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null
                && openAi.inputTokensDetails().cachedTokens() != null) {
            return openAi.inputTokensDetails().cachedTokens();
        }
        if (usage instanceof AnthropicTokenUsage anthropic && anthropic.cacheReadInputTokens() != null) {
            return anthropic.cacheReadInputTokens();
        }
        return 0;
    }
}
