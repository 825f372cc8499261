package dev.gantry.worker.condenser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.CondensationEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.command.CondenserMode;
import dev.gantry.worker.agent.history.ChatHistory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextViewTest {

    @Test
    void aViewReadBackFromTheLogHasTheForgottenEventsOutAndTheSummaryAtItsOffset() {
        TestLog log = TestLog.started().steps(6);
        List<ConversationEvent> before = ContextView.of(log.events()).events();
        ConversationEvent condensation = log.condense(before.subList(2, 8), "The agent thought three times.", 2);
        log.steps(1);

        List<ConversationEvent> view = ContextView.of(log.events()).events();

        assertThat(view).hasSize(before.size() - 6 + 1 + 2);
        assertThat(view.subList(0, 2)).isEqualTo(before.subList(0, 2));
        assertThat(view.get(2)).isEqualTo(condensation);
        assertThat(view.subList(3, 9)).isEqualTo(before.subList(8, 14));
        assertThat(view).doesNotContainAnyElementsOf(before.subList(2, 8));
    }

    @Test
    void theViewBuiltEventByEventIsTheViewReadBackFromTheWholeLog() {
        TestLog log = TestLog.started().steps(5);
        log.condense(ContextView.of(log.events()).events().subList(2, 6), "first summary", 2);
        log.steps(5);
        List<ConversationEvent> second = ContextView.of(log.events()).events();
        log.condense(second.subList(2, 9), "second summary", 2);
        log.steps(2).contextTooLong();

        ContextView live = new ContextView();
        log.events().forEach(live::add);

        assertThat(live.events()).isEqualTo(ContextView.of(log.events()).events());
        assertThat(live.condensationRequested()).isEqualTo(ContextView.of(log.events()).condensationRequested()).isTrue();
    }

    @Test
    void aLaterCondensationForgetsTheEarlierSummaryAndOnlyTheLatestOneIsShown() {
        TestLog log = TestLog.started().steps(5);
        ConversationEvent first = log.condense(ContextView.of(log.events()).events().subList(2, 6), "first summary", 2);
        log.steps(5);
        List<ConversationEvent> view = ContextView.of(log.events()).events();
        assertThat(view.get(2)).isEqualTo(first);
        ConversationEvent second = log.condense(view.subList(2, 9), "second summary, folding in the first", 2);

        List<ConversationEvent> condensed = ContextView.of(log.events()).events();

        assertThat(condensed).contains(second).doesNotContain(first);
        assertThat(condensed.stream().filter(e -> e.payload() instanceof CondensationEvent)).hasSize(1);
    }

    @Test
    void aCondensationWithoutSummaryOnlyForgets() {
        TestLog log = TestLog.started().steps(4);
        List<ConversationEvent> before = ContextView.of(log.events()).events();
        log.condense(before.subList(2, 6), null, null);

        List<ConversationEvent> view = ContextView.of(log.events()).events();

        assertThat(view).containsExactlyElementsOf(List.of(before.get(0), before.get(1), before.get(6), before.get(7),
                before.get(8), before.get(9)));
    }

    @Test
    void aContextTooLongAnswerAsksForACondensationUntilOneIsWrittenOrTheLlmAnswersAgain() {
        TestLog log = TestLog.started().steps(3).contextTooLong();
        assertThat(ContextView.of(log.events()).condensationRequested()).isTrue();

        log.add(EventSource.USER, new MessageEvent("go on"));
        assertThat(ContextView.of(log.events()).condensationRequested()).as("a user's message answers nothing").isTrue();

        TestLog condensed = TestLog.started().steps(3).contextTooLong();
        condensed.condense(ContextView.of(condensed.events()).events().subList(2, 4), "s", 2);
        assertThat(ContextView.of(condensed.events()).condensationRequested()).isFalse();

        TestLog answered = TestLog.started().steps(3).contextTooLong().steps(1);
        assertThat(ContextView.of(answered.events()).condensationRequested()).isFalse();
    }

    @Test
    void loadedSkillsAreNeverForgottenSoTheAlwaysOnOnesStayInTheSystemPrompt() {
        TestLog log = TestLog.started().steps(2);
        ConversationEvent skills = log.add(EventSource.SYSTEM, new SkillsLoadedEvent(List.of(new SkillsLoadedEvent.LoadedSkill(
                "agents", SkillsLoadedEvent.SkillSource.WORKSPACE, "AGENTS.md", List.of(), "Run the tests with mvn verify.",
                false)), List.of(), List.of()));
        log.steps(20);
        List<ConversationEvent> before = ContextView.of(log.events()).events();
        Forgetting forgetting = Forgetting.plan(before, new CondenserPolicy(CondenserMode.LLM, 20, 2), false).orElseThrow();
        assertThat(before.subList(forgetting.start(), forgetting.end())).contains(skills);

        List<ConversationEvent> forgotten = forgetting.of(before);
        log.condense(forgotten, "summary", forgetting.start());

        assertThat(forgotten).doesNotContain(skills).hasSize(forgetting.end() - forgetting.start() - 1);
        assertThat(ContextView.of(log.events()).events()).contains(skills);
        assertThat(((SystemMessage) ChatHistory.toMessages(ContextView.of(log.events()).events()).get(0)).text())
                .contains("Run the tests with mvn verify.");
    }

    @Test
    void statusUpdatesAndLlmFailuresAreNotInTheView() {
        TestLog log = TestLog.started().steps(2).contextTooLong();

        assertThat(ContextView.of(log.events()).events()).hasSize(6)
                .allSatisfy(e -> assertThat(e.kind()).isIn("SystemPromptEvent", "MessageEvent", "ActionEvent",
                        "ObservationEvent"));
    }

    @Test
    void theCondensedViewIsAChatWhereEveryToolCallHasItsResultAndTheSummaryIsAUserMessage() {
        TestLog log = TestLog.started().batch(2).steps(3);
        List<ConversationEvent> before = ContextView.of(log.events()).events();
        log.condense(before.subList(2, 6), "The agent ran two thoughts at once.", 2);

        List<ChatMessage> messages = ChatHistory.toMessages(ContextView.of(log.events()).events());

        assertThat(messages).extracting(m -> m.getClass().getSimpleName()).containsExactly("SystemMessage",
                "UserMessage", "UserMessage", "AiMessage", "ToolExecutionResultMessage", "AiMessage",
                "ToolExecutionResultMessage", "AiMessage", "ToolExecutionResultMessage");
        assertThat(messages.get(0)).isInstanceOf(SystemMessage.class);
        assertThat(((UserMessage) messages.get(2)).singleText()).endsWith("The agent ran two thoughts at once.")
                .startsWith("Summary of the earlier part of this conversation");
        for (int i = 3; i < messages.size(); i += 2) {
            String call = ((AiMessage) messages.get(i)).toolExecutionRequests().get(0).id();
            assertThat(((ToolExecutionResultMessage) messages.get(i + 1)).id()).isEqualTo(call);
        }
        assertThat(before.get(2).payload()).isInstanceOf(ActionEvent.class);
    }
}
