package dev.gantry.worker.condenser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForgettingTest {

    private static final CondenserPolicy MAX_40_KEEP_4 = new CondenserPolicy(CondenserMode.LLM, 40, 4);

    @Test
    void pastMaxSizeTheMiddleIsForgottenKeepingTheFirstEventsAndATailThatHalvesTheView() {
        // system prompt, task, then 30 action/observation pairs: 62 events
        List<ConversationEvent> view = ContextView.of(TestLog.started().steps(30).events()).events();

        Forgetting forgetting = Forgetting.plan(view, MAX_40_KEEP_4, false).orElseThrow();

        // a tail of 40 / 2 - 4 - 1 = 15 events would start inside a pair: the cut moves on to the pair's end
        assertThat(forgetting).isEqualTo(new Forgetting(4, 48));
        int kept = view.size() - (forgetting.end() - forgetting.start()) + 1;
        assertThat(kept).as("head, summary and tail").isLessThanOrEqualTo(MAX_40_KEEP_4.maxSize() / 2);
    }

    @Test
    void atOrUnderMaxSizeNothingIsForgottenUnlessTheLlmSaidTheContextIsTooLong() {
        List<ConversationEvent> view = ContextView.of(TestLog.started().steps(19).events()).events();
        assertThat(view).hasSize(40);

        assertThat(Forgetting.plan(view, MAX_40_KEEP_4, false)).isEmpty();
        // asked for, the view is brought to half of what it is: a tail of 20 - 4 - 1 = 15, moved to a pair's end
        assertThat(Forgetting.plan(view, MAX_40_KEEP_4, true)).contains(new Forgetting(4, 26));
    }

    @Test
    void aViewTooShortToLeaveATailIsNotCondensedEvenWhenAskedTo() {
        List<ConversationEvent> view = ContextView.of(TestLog.started().steps(2).events()).events();

        assertThat(Forgetting.plan(view, MAX_40_KEEP_4, true)).isEmpty();
    }

    @Test
    void noCutEverSeparatesAnActionFromItsResultOrToolCallsOfOneResponse() {
        TestLog log = TestLog.started();
        for (int i = 0; i < 12; i++) {
            log.batch(1 + i % 4);
        }
        List<ConversationEvent> view = ContextView.of(log.events()).events();
        List<Forgetting> plans = new java.util.ArrayList<>();
        for (int maxSize = 8; maxSize < view.size(); maxSize++) {
            for (int keepFirst = 0; keepFirst < maxSize / 2 - 1; keepFirst++) {
                for (boolean requested : List.of(false, true)) {
                    Forgetting.plan(view, new CondenserPolicy(CondenserMode.LLM, maxSize, keepFirst), requested)
                            .ifPresent(plans::add);
                }
            }
        }
        assertThat(plans).hasSizeGreaterThan(100);
        plans.forEach(f -> assertPairsWhole(view, f));
    }

    @Test
    void theSystemPromptStaysEvenWhenNoFirstEventIsKept() {
        List<ConversationEvent> view = ContextView.of(TestLog.started().steps(20).events()).events();

        Forgetting forgetting = Forgetting.plan(view, new CondenserPolicy(CondenserMode.LLM, 20, 0), false).orElseThrow();

        assertThat(view.get(0).payload()).isInstanceOf(SystemPromptEvent.class);
        assertThat(forgetting.start()).isEqualTo(1);
    }

    @Test
    void aCondensationThatWouldForgetLessThanATenthOfTheViewIsNotMade() {
        // a response of many calls right after the task pushes the start of the forgotten run late
        CondenserPolicy policy = new CondenserPolicy(CondenserMode.LLM, 100, 4);
        List<ConversationEvent> late = ContextView.of(TestLog.started().batch(24).steps(26).events()).events();
        List<ConversationEvent> earlier = ContextView.of(TestLog.started().batch(20).steps(30).events()).events();
        assertThat(late).hasSize(102);
        assertThat(earlier).hasSize(102);

        assertThat(Forgetting.plan(late, policy, false)).as("8 of 102 events").isEmpty();
        assertThat(Forgetting.plan(earlier, policy, false)).as("16 of 102 events").contains(new Forgetting(42, 58));
    }

    private static void assertPairsWhole(List<ConversationEvent> view, Forgetting forgetting) {
        Set<String> forgottenCalls = new HashSet<>();
        Set<String> keptCalls = new HashSet<>();
        for (int i = 0; i < view.size(); i++) {
            String call = switch (view.get(i).payload()) {
                case ActionEvent a -> a.toolCallId();
                case ObservationEvent o -> o.toolCallId();
                default -> null;
            };
            String response = view.get(i).payload() instanceof ActionEvent a ? a.llmResponseId() : null;
            boolean forgotten = i >= forgetting.start() && i < forgetting.end();
            if (call != null) {
                (forgotten ? forgottenCalls : keptCalls).add(call);
            }
            if (response != null) {
                (forgotten ? forgottenCalls : keptCalls).add(response);
            }
        }
        forgottenCalls.retainAll(keptCalls);
        assertThat(forgottenCalls).as("calls and responses both forgotten and kept, %s", forgetting).isEmpty();
    }
}
