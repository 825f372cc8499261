package dev.gantry.worker.budget;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What a model's tokens cost, in US dollars per million tokens.
 *
 * @param cachedInput prompt tokens the provider served from its prompt cache
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /**
     * The cost of one LLM call.
     *
     * @param promptTokens       every prompt token, the cached ones included (as OpenAI-compatible usage counts them)
     * @param cachedPromptTokens the part of them served from the cache
     */
    public BigDecimal cost(long promptTokens, long cachedPromptTokens, long completionTokens) {
        long cached = Math.min(Math.max(cachedPromptTokens, 0), promptTokens);
        return input.multiply(BigDecimal.valueOf(promptTokens - cached))
                .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
                .add(output.multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, MathContext.DECIMAL64);
    }
}
