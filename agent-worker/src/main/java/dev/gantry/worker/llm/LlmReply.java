package dev.gantry.worker.llm;

import dev.langchain4j.data.message.AiMessage;

/**
 * One answer of the LLM.
 *
 * @param responseId         the id of the response; the tool calls it carries share it
 * @param promptTokens       every prompt token, the cached ones included
 * @param latencyMillis      how long the call took
 * @param cachedPromptTokens the prompt tokens the provider served from its prompt cache (cheaper), 0 when it says none
 */
public record LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens,
        long latencyMillis, long cachedPromptTokens) {

    /** A reply whose usage names no cached tokens. */
    public LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens, long latencyMillis) {
        this(message, responseId, promptTokens, completionTokens, latencyMillis, 0);
    }
}
