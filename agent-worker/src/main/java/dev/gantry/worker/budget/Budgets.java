package dev.gantry.worker.budget;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.event.BudgetNoticeEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.worker.llm.LlmReply;
import dev.gantry.worker.llm.LlmMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a conversation spends and when it must stop: each LLM call's cost from its token usage and the model's price,
 * summed into the conversation's metrics, held against its {@code maxBudget} (dollars) and {@code maxTokens}.
 * A model without a price has no cost, so only the token budget can stop it; the conversation says so when it starts.
 */
@Singleton
public class Budgets {

    private final PriceTable prices;
    /** Where each call's cost is counted per model and user; none in unit tests. */
    private final LlmMetrics metrics;

    @Inject
    Budgets(PriceTable prices, LlmMetrics metrics) {
        this.prices = prices;
        this.metrics = metrics;
    }

    Budgets(PriceTable prices) {
        this(prices, null);
    }

    /** The conversation's totals after one more LLM call; the cost stays unknown (null) for a model without a price. */
    public ConversationMetrics after(ConversationMetrics before, LlmReply reply, String model) {
        return after(before, reply, model, null);
    }

    /** As {@link #after(ConversationMetrics, LlmReply, String)}, the call's cost also counted for {@code user}. */
    public ConversationMetrics after(ConversationMetrics before, LlmReply reply, String model, String user) {
        BigDecimal cost = before.cost();
        Optional<ModelPrice> price = prices.of(model);
        if (price.isPresent()) {
            BigDecimal call = price.get().cost(reply.promptTokens(), reply.cachedPromptTokens(),
                    reply.cacheWritePromptTokens(), reply.completionTokens());
            cost = cost == null ? call : cost.add(call);
            if (metrics != null) {
                metrics.spent(model, user, call);
            }
        }
        return new ConversationMetrics(before.promptTokens() + reply.promptTokens(),
                before.completionTokens() + reply.completionTokens(), cost,
                before.llmCalls() + 1, before.llmLatencyMillis() + reply.latencyMillis());
    }

    /** Why the conversation may not call the LLM again, if a budget of its settings is spent. */
    public Optional<String> exhausted(AgentSettings settings, ConversationMetrics spent) {
        BigDecimal cost = spent.cost();
        if (settings.maxBudget() != null && cost != null && cost.compareTo(settings.maxBudget()) >= 0) {
            return Optional.of("budget reached: the conversation spent $" + dollars(cost) + ", its budget is $"
                    + dollars(settings.maxBudget()));
        }
        long tokens = spent.promptTokens() + spent.completionTokens();
        if (settings.maxTokens() != null && tokens >= settings.maxTokens()) {
            return Optional.of("token budget reached: the conversation used " + tokens + " tokens, its budget is "
                    + settings.maxTokens() + " tokens");
        }
        return Optional.empty();
    }

    /** The notice a conversation starts with when the platform has no price for its model. */
    public Optional<BudgetNoticeEvent> noticeAtStart(AgentSettings settings) {
        String model = settings.model();
        if (prices.of(model).isPresent()) {
            return Optional.empty();
        }
        String notice = "The platform has no price for " + model + ": its cost is not counted"
                + (settings.maxBudget() == null ? "" : " and the budget of $" + dollars(settings.maxBudget())
                        + " cannot stop it")
                + (settings.maxTokens() == null
                        ? "; no token budget is set (maxTokens), so nothing bounds its spending but the step limit."
                        : "; the token budget of " + settings.maxTokens() + " tokens applies.");
        return Optional.of(new BudgetNoticeEvent(model, notice));
    }

    /** An amount as people write dollars: at least the cents, and every digit a small cost has. */
    private static String dollars(BigDecimal amount) {
        BigDecimal exact = amount.stripTrailingZeros();
        return (exact.scale() < 2 ? exact.setScale(2) : exact).toPlainString();
    }
}
