package dev.gantry.worker.llm;

import dev.langchain4j.data.message.AiMessage;

/**
 * One answer of the LLM.
 *
 * @param responseId    the id of the response; the tool calls it carries share it
 * @param latencyMillis how long the call took
 * @param model         the model that answered, as configured: the conversation's, or one of the fallback models
 */
public record LlmReply(AiMessage message, String responseId, long promptTokens, long completionTokens,
        long latencyMillis, String model) {
}
