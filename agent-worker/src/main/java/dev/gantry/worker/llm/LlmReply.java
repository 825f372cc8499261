package dev.gantry.worker.llm;

import dev.langchain4j.data.message.AiMessage;

/**
 * One answer of the LLM.
 *
 * @param responseId         the id of the response; the tool calls it carries share it
 * @param promptTokens       every prompt token, the cached ones included
 * @param latencyMillis      how long the call took
 * @param cachedPromptTokens the prompt tokens the provider served from its prompt cache (cheaper), 0 when it says none
 * @param model              the model that answered, as configured: the conversation's, or one of the fallback models
 * @param cacheWritePromptTokens the prompt tokens the provider wrote to its prompt cache (Anthropic prices them apart)
 */
public record LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens,
        long latencyMillis, long cachedPromptTokens, String model, long cacheWritePromptTokens) {

    /** A reply whose usage names no cache writes. */
    public LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens, long latencyMillis,
            long cachedPromptTokens, String model) {
        this(message, responseId, promptTokens, completionTokens, latencyMillis, cachedPromptTokens, model, 0);
    }

    /** A reply of {@code model} whose usage names no cached tokens. */
    public LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens, long latencyMillis,
            String model) {
        this(message, responseId, promptTokens, completionTokens, latencyMillis, 0, model);
    }

    /** A reply of an unnamed model (tests). */
    public LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens, long latencyMillis,
            long cachedPromptTokens) {
        this(message, responseId, promptTokens, completionTokens, latencyMillis, cachedPromptTokens, null);
    }
}
