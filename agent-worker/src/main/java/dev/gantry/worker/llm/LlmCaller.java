package dev.gantry.worker.llm;

import dev.gantry.platform.net.RefusedUrlException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import io.netty.channel.ConnectTimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Calls the LLM, retrying with exponential backoff what may pass: 429, 5xx, timeouts, refused
 * connections. Tests shorten the backoff through the usual MicroProfile Fault Tolerance properties. A failure's
 * message says why in the worker's words ({@link LlmFailureReason}): the endpoint's answer is never quoted.
 */
@ApplicationScoped
public class LlmCaller {

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int FIRST_SERVER_ERROR = 500;

    private final ChatModels models;

    LlmCaller(ChatModels models) {
        this.models = models;
    }

    @Retry(maxRetries = 6, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES,
            retryOn = TransientLlmFailureException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 60, maxDelayUnit = ChronoUnit.SECONDS)
    public LlmReply chat(LlmSettings settings, List<ChatMessage> messages, List<ToolSpecification> tools) {
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = models.model(settings).chat(ChatRequest.builder()
                    .messages(messages)
                    .toolSpecifications(tools)
                    .build());
        } catch (RuntimeException e) {
            String message = "the LLM call to " + settings.model() + " failed: " + LlmFailureReason.of(e);
            throw isTransient(e) ? new TransientLlmFailureException(message, e) : new LlmFailureException(message, e);
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        TokenUsage usage = response.tokenUsage();
        String id = response.id() != null ? response.id() : "gantry-" + UUID.randomUUID();
        return new LlmReply(response.aiMessage(), id,
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                latency, cachedTokens(usage));
    }

    /** OpenAI-compatible endpoints report the prompt tokens served from their cache in {@code prompt_tokens_details}. */
    private static long cachedTokens(TokenUsage usage) {
        if (usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null
                && openAi.inputTokensDetails().cachedTokens() != null) {
            return openAi.inputTokensDetails().cachedTokens();
        }
        return 0;
    }

    private static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedUrlException) {
                return false;
            }
            if (t instanceof RetriableException || t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException || t instanceof ConnectException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
            if (t instanceof HttpException http) {
                return http.statusCode() == TOO_MANY_REQUESTS || http.statusCode() >= FIRST_SERVER_ERROR;
            }
        }
        return false;
    }
}
