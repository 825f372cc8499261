package dev.gantry.worker.budget;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What a model's tokens cost, in US dollars per million tokens.
 *
 * @param cachedInput     prompt tokens the provider served from its prompt cache
 * @param cacheWriteInput prompt tokens the provider wrote to its prompt cache, where it prices them apart (Anthropic)
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWriteInput, BigDecimal output) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** A price whose cache writes cost the input price. */
    public ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
        this(input, cachedInput, input, output);
    }

    /**
     * The cost of one LLM call.
     *
     * @param promptTokens       every prompt token, the cached ones included (as OpenAI-compatible usage counts them)
     * @param cachedPromptTokens the part of them served from the cache
     */
    public BigDecimal cost(long promptTokens, long cachedPromptTokens, long completionTokens) {
        return cost(promptTokens, cachedPromptTokens, 0, completionTokens);
    }

    /**
     * The cost of one LLM call that also wrote to the provider's prompt cache.
     *
     * @param promptTokens           every prompt token, those read from and written to the cache included
     * @param cachedPromptTokens     the part of them served from the cache
     * @param cacheWritePromptTokens the part of them written to the cache
     */
    public BigDecimal cost(long promptTokens, long cachedPromptTokens, long cacheWritePromptTokens, long completionTokens) {
        long cached = Math.min(Math.max(cachedPromptTokens, 0), promptTokens);
        long written = Math.min(Math.max(cacheWritePromptTokens, 0), promptTokens - cached);
        return input.multiply(BigDecimal.valueOf(promptTokens - cached - written))
                .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
                .add(cacheWriteInput.multiply(BigDecimal.valueOf(written)))
                .add(output.multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, MathContext.DECIMAL64);
    }
}
