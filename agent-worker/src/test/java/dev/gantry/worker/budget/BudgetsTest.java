package dev.gantry.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.ConfirmationPolicy;
import dev.gantry.contracts.event.BudgetNoticeEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.worker.llm.LlmMetrics;
import dev.gantry.worker.llm.LlmReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.langchain4j.data.message.AiMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetsTest {

    private final Budgets budgets = new Budgets(new PriceTable(PriceTable.shipped(), Map.of()));

    @Test
    void eachCallsCostIsAddedToTheConversationsTotal() {
        ConversationMetrics first = budgets.after(ConversationMetrics.ZERO, reply(1_000_000, 400_000, 100_000), "gpt-4o");
        ConversationMetrics second = budgets.after(first, reply(1_000, 0, 100), "gpt-4o");

        assertThat(first.cost()).isEqualByComparingTo("3.00");
        assertThat(second.cost()).isEqualByComparingTo("3.0035");
        assertThat(second.promptTokens()).isEqualTo(1_001_000);
        assertThat(second.completionTokens()).isEqualTo(100_100);
        assertThat(second.llmCalls()).isEqualTo(2);
    }

    @Test
    void eachCallsCostIsCountedOnTheMetricsByModelAndUser() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Budgets counted = new Budgets(new PriceTable(PriceTable.shipped(), Map.of()), new LlmMetrics(registry));

        counted.after(ConversationMetrics.ZERO, reply(1_000_000, 400_000, 100_000), "gpt-4o", "alice");
        counted.after(ConversationMetrics.ZERO, reply(100, 0, 20), "my-local-llama", "alice");

        assertThat(registry.get("gantry.worker.llm.cost").tags("model", "gpt-4o", "user", "alice").counter().count())
                .isEqualTo(3.00, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.find("gantry.worker.llm.cost").tags("model", "my-local-llama").counter()).isNull();
    }

    @Test
    void aModelWithoutAPriceCountsTokensButNoCost() {
        ConversationMetrics after = budgets.after(ConversationMetrics.ZERO, reply(100, 0, 20), "my-local-llama");

        assertThat(after.cost()).isNull();
        assertThat(after.promptTokens()).isEqualTo(100);
    }

    @Test
    void theCostBudgetStopsAtItsAmountAndTheTokenBudgetAtItsCount() {
        AgentSettings settings = settings("gpt-4o", new BigDecimal("0.50"), 10_000L);

        assertThat(budgets.exhausted(settings, metrics(100, 20, "0.49"))).isEmpty();
        assertThat(budgets.exhausted(settings, metrics(100, 20, "0.50")))
                .hasValue("budget reached: the conversation spent $0.50, its budget is $0.50");
        assertThat(budgets.exhausted(settings, metrics(9_000, 1_000, "0.10")))
                .hasValue("token budget reached: the conversation used 10000 tokens, its budget is 10000 tokens");
        assertThat(budgets.exhausted(settings("gpt-4o", null, null), metrics(9_000_000, 1_000, "99"))).isEmpty();
    }

    @Test
    void anUnpricedModelStartsWithANoticeOfWhatHoldsAndAPricedOneWithNone() {
        assertThat(budgets.noticeAtStart(settings("gpt-4o", new BigDecimal("5"), null))).isEmpty();
        assertThat(budgets.noticeAtStart(settings("my-local-llama", new BigDecimal("5.00"), 200_000L)))
                .hasValue(new BudgetNoticeEvent("my-local-llama", "The platform has no price for my-local-llama: its cost"
                        + " is not counted and the budget of $5.00 cannot stop it; the token budget of 200000 tokens"
                        + " applies."));
        assertThat(budgets.noticeAtStart(settings("my-local-llama", null, null)).orElseThrow().notice())
                .contains("no token budget is set (maxTokens)");
    }

    private static LlmReply reply(long prompt, long cached, long completion) {
        return new LlmReply(AiMessage.from("ok"), "r", prompt, completion, 10, cached);
    }

    private static ConversationMetrics metrics(long prompt, long completion, String cost) {
        return new ConversationMetrics(prompt, completion, new BigDecimal(cost), 1, 10);
    }

    private static AgentSettings settings(String model, BigDecimal maxBudget, Long maxTokens) {
        return new AgentSettings(model, null, null, 10, ConfirmationPolicy.NEVER, maxBudget, List.of(), maxTokens);
    }
}
