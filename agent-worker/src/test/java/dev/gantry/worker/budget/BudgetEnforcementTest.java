package dev.gantry.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.AgentErrorEvent;
import dev.gantry.contracts.event.BudgetNoticeEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationMetrics;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.testing.KafkaTestResource;
import dev.gantry.testing.llm.ScriptedLlmServer;
import dev.gantry.worker.support.Conversation;
import dev.gantry.worker.support.WorkerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Budgets hold in a running conversation: priced from the shipped table, or by tokens where there is no price. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WorkerTestResource.class)
class BudgetEnforcementTest {

    /** A model of the shipped table; only this test scripts it. */
    private static final String SHIPPED_MODEL = "deepseek-chat";

    @Test
    void theShippedPriceWithCachedTokensSumsEachCallAndTheBudgetStopsTheRunWithAnErrorEvent() {
        Conversation conversation = new Conversation();
        ScriptedLlmServer.Script script = WorkerTestResource.llm().script(SHIPPED_MODEL);
        for (int i = 0; i < 4; i++) {
            // 600k uncached * 0.28 + 400k cached * 0.028 + 100k * 0.42 = 0.2212 dollars a call
            script.add(new ScriptedLlmServer.Reply.Completion(null, List.of(ScriptedLlmServer.ToolCall.of("think",
                    "{\"thought\": \"costly " + i + "\"}")), 1_000_000, 100_000, Optional.empty(), 400_000));
        }

        conversation.start("Spend.", conversation.settings(SHIPPED_MODEL, 100, new BigDecimal("0.40")));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(WorkerTestResource.llm().requests(SHIPPED_MODEL)).hasSize(2);
        assertThat(lastMetrics(conversation).cost()).isEqualByComparingTo("0.4424");
        String reason = "budget reached: the conversation spent $0.4424, its budget is $0.40";
        assertThat(conversation.lastStatusUpdate().reason()).isEqualTo(reason);
        assertThat(conversation.events()).anyMatch(e -> e.payload() instanceof AgentErrorEvent error
                && error.error().equals(reason) && error.toolCallId() == null);
        assertThat(conversation.kinds()).doesNotContain("BudgetNoticeEvent");
    }

    @Test
    void anUnpricedModelSaysSoOnceAtStartAndItsTokenBudgetStopsIt() {
        Conversation conversation = new Conversation();
        for (int i = 0; i < 6; i++) {
            conversation.script().toolCall("think", "{\"thought\": \"step " + i + "\"}");
        }

        // 120 tokens a scripted call: the third call reaches 360
        conversation.start("Think a lot.", conversation.settings(conversation.model, 100, new BigDecimal("1.00"), 300L));
        conversation.awaitStatus(ExecutionStatus.ERROR);

        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(3);
        assertThat(lastMetrics(conversation).cost()).isNull();
        assertThat(conversation.lastStatusUpdate().reason())
                .isEqualTo("token budget reached: the conversation used 360 tokens, its budget is 300 tokens");
        List<String> kinds = conversation.kinds();
        assertThat(kinds).containsOnlyOnce("BudgetNoticeEvent");
        assertThat(kinds.indexOf("BudgetNoticeEvent")).isLessThan(kinds.indexOf("ActionEvent"));
        BudgetNoticeEvent notice = conversation.events().stream().map(ConversationEvent::payload)
                .filter(BudgetNoticeEvent.class::isInstance).map(BudgetNoticeEvent.class::cast).findFirst().orElseThrow();
        assertThat(notice.model()).isEqualTo(conversation.model);
        assertThat(notice.notice()).contains("no price for " + conversation.model)
                .contains("the budget of $1.00 cannot stop it").contains("token budget of 300 tokens applies");

        int events = conversation.events().size();
        conversation.message("Go on.");
        conversation.awaitEvent(e -> e.seq() > events + 2 && e.payload() instanceof ConversationStateUpdateEvent u
                && u.status() == ExecutionStatus.ERROR);
        assertThat(WorkerTestResource.llm().requests(conversation.model)).hasSize(3);
        assertThat(conversation.kinds()).containsOnlyOnce("BudgetNoticeEvent");
        assertThat(conversation.events().stream().filter(e -> e.payload() instanceof ActionEvent)).hasSize(3);
    }

    private static ConversationMetrics lastMetrics(Conversation conversation) {
        return conversation.events().stream().map(ConversationEvent::payload)
                .filter(p -> p instanceof ConversationStateUpdateEvent u && u.metrics() != null)
                .map(p -> ((ConversationStateUpdateEvent) p).metrics()).reduce((a, b) -> b).orElseThrow();
    }
}
