package dev.gantry.worker.condenser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ObservationEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SummarizerTest {

    @Test
    void theSummaryRequestHoldsEachForgottenEventCutToItsLengthAndAnEarlierSummary() {
        TestLog log = TestLog.started().steps(2);
        ConversationEvent earlier = log.condense(ContextView.of(log.events()).events().subList(2, 4), "earlier work", 2);
        ConversationEvent long_ = log.add(EventSource.ENVIRONMENT, new ObservationEvent(UUID.randomUUID(), "terminal",
                "call-x", "y".repeat(5000), 0, false));
        List<ConversationEvent> forgotten = List.of(earlier, ContextView.of(log.events()).events().get(3), long_);

        String prompt = Summarizer.prompt(forgotten, 100);

        assertThat(prompt).startsWith(Summarizer.INSTRUCTIONS)
                .contains("<event>\nSummary of still earlier events:\nearlier work\n</event>")
                .contains("Agent calls think {\"thought\":\"thought of call-1\"}")
                .contains("Result of terminal (exit code 0): " + "y".repeat(66) + "\n[... 4934 more characters not shown]")
                .doesNotContain("y".repeat(67));
    }
}
