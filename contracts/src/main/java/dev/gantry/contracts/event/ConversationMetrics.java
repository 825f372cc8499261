package dev.gantry.contracts.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * A conversation's totals so far. Totals, not increments, so that applying one twice is harmless.
 *
 * @param cost in US dollars, written as a decimal string so no precision is lost; null where no price is configured for the model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationMetrics(
        long promptTokens,
        long completionTokens,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cost,
        long llmCalls,
        long llmLatencyMillis) {

    public static final ConversationMetrics ZERO = new ConversationMetrics(0, 0, null, 0, 0);

    public ConversationMetrics {
        if (promptTokens < 0 || completionTokens < 0 || llmCalls < 0 || llmLatencyMillis < 0) {
            throw new IllegalArgumentException("metrics cannot be negative");
        }
    }
}
