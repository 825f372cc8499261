package dev.gantry.conversation.repository;

import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** A conversation's running totals, as the last state update event reported them. */
@Embeddable
public class MetricsColumns {

    public long promptTokens;
    public long completionTokens;
    public BigDecimal cost;
    public long llmCalls;
    public long llmLatencyMillis;
}
