package dev.gantry.worker.skills;

import static dev.gantry.worker.skills.Events.event;
import static dev.gantry.worker.skills.Events.skill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.RepositoryClonedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import dev.gantry.worker.agent.history.ChatHistory;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the LLM reads of a conversation's skills. */
class SkillsInHistoryTest {

    private static final String PROMPT = "You are Gantry's agent.";

    @Test
    void alwaysOnSkillsFollowTheSystemPromptAndATriggeredOneFollowsTheMessageThatActivatedIt() {
        List<ChatMessage> messages = ChatHistory.toMessages(List.of(
                event(1, EventSource.SYSTEM, new SystemPromptEvent(PROMPT, List.of())),
                event(2, EventSource.SYSTEM, new SkillsLoadedEvent(List.of(skill("rules", "Be brief."),
                        skill("docker", "Use docker compose.", "docker", "container")), List.of(), List.of())),
                event(3, EventSource.USER, new MessageEvent("Put it in a Container", List.of("docker"))),
                event(4, EventSource.USER, new MessageEvent("and another container"))));

        String system = ((SystemMessage) messages.get(0)).text();
        assertThat(system).startsWith(PROMPT + "\n\n<SKILLS_CONTEXT>\n")
                .contains("<skill name=\"rules\" source=\"workspace\" file=\".openhands/skills/rules.md\">\nBe brief.\n</skill>")
                .endsWith("</SKILLS_CONTEXT>")
                .doesNotContain("docker compose");
        assertThat(((UserMessage) messages.get(1)).singleText()).startsWith("Put it in a Container\n\n"
                + "<SKILL_KNOWLEDGE name=\"docker\" trigger=\"container\">\n")
                .endsWith("Use docker compose.\n</SKILL_KNOWLEDGE>");
        assertThat(((UserMessage) messages.get(2)).singleText()).isEqualTo("and another container");
    }

    @Test
    void skillsActivatedWhenTheyWereLoadedFollowWhatWasSaidBeforeAsAMessageOfTheirOwn() {
        List<ChatMessage> messages = ChatHistory.toMessages(List.of(
                event(1, EventSource.SYSTEM, new SystemPromptEvent(PROMPT, List.of())),
                event(2, EventSource.USER, new MessageEvent("Fix the python tests")),
                event(3, EventSource.ENVIRONMENT, new RepositoryClonedEvent("acme/api", "github.com", "main", "abc123")),
                event(4, EventSource.SYSTEM, new SkillsLoadedEvent(List.of(skill("agents", "Run make test."),
                        skill("python", "Use pytest -q.", "python")), List.of(), List.of("python")))));

        assertThat(messages).hasSize(4);
        assertThat(((SystemMessage) messages.get(0)).text()).contains("Run make test.").doesNotContain("pytest");
        assertThat(((UserMessage) messages.get(1)).singleText()).isEqualTo("Fix the python tests");
        assertThat(((UserMessage) messages.get(2)).singleText()).contains("REPOSITORY_INFO");
        assertThat(((UserMessage) messages.get(3)).singleText())
                .startsWith("<SKILL_KNOWLEDGE name=\"python\" trigger=\"python\">").contains("Use pytest -q.");
    }

    @Test
    void withoutSkillsTheSystemPromptIsAsWritten() {
        List<ConversationEvent> log = List.of(event(1, EventSource.SYSTEM, new SystemPromptEvent(PROMPT, List.of())),
                event(2, EventSource.USER, new MessageEvent("hello")));

        List<ChatMessage> messages = ChatHistory.toMessages(log);

        assertThat(((SystemMessage) messages.get(0)).text()).isEqualTo(PROMPT);
        assertThat(((UserMessage) messages.get(1)).singleText()).isEqualTo("hello");
    }
}
