package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.contracts.event.ActionEvent;
import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.ConversationStateUpdateEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.ExecutionStatus;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.ObservationEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SystemPromptEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventLineTest {

    @Test
    void showsATerminalActionAsAShellCommandAfterItsThought() {
        var arguments = JsonNodeFactory.instance.objectNode().put("command", "python3 hello.py");

        assertThat(line(EventSource.AGENT, new ActionEvent("terminal", "c1", arguments, "Run it.", null, null)))
                .isEqualTo("Run it.\n$ python3 hello.py");
    }

    @Test
    void shortensLongToolOutputAndSaysHowMuchIsLeftOut() {
        String output = IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));

        String line = line(EventSource.ENVIRONMENT, new ObservationEvent(UUID.randomUUID(), "terminal", "c1", output, 1,
                false));

        assertThat(line).startsWith("  line 1\n").contains("  line 8\n  ... (12 more lines)")
                .endsWith("(exit code 1)").doesNotContain("line 9");
    }

    @Test
    void tellsWhoSpeaksAndStatusChanges() {
        assertThat(line(EventSource.USER, new MessageEvent("hi"))).isEqualTo("you:   hi");
        assertThat(line(EventSource.AGENT, new MessageEvent("done"))).isEqualTo("agent: done");
        assertThat(line(EventSource.SYSTEM, new ConversationStateUpdateEvent(ExecutionStatus.STUCK, "same action 4 times",
                null))).isEqualTo("status: stuck (same action 4 times)");
    }

    @Test
    void namesTheSkillsLoadedAndEachFileSkippedWithItsReason() {
        var loaded = new SkillsLoadedEvent(
                List.of(new SkillsLoadedEvent.LoadedSkill("agents", SkillsLoadedEvent.SkillSource.WORKSPACE, "AGENTS.md",
                        List.of(), "Use mvn.", false)),
                List.of(new SkillsLoadedEvent.SkippedSkill(SkillsLoadedEvent.SkillSource.WORKSPACE,
                        ".openhands/skills/bad.md", "'triggers' must be a list of strings")),
                List.of());

        assertThat(line(EventSource.SYSTEM, loaded))
                .isEqualTo("skills: agents; skipped .openhands/skills/bad.md: 'triggers' must be a list of strings");
    }

    @Test
    void hidesTheSystemPrompt() {
        var event = new ConversationEvent(UUID.randomUUID(), UUID.randomUUID(), 1, Instant.now(), EventSource.SYSTEM,
                new SystemPromptEvent("You are...", List.of()));

        assertThat(EventLine.render(event)).isEmpty();
    }

    private static String line(EventSource source, EventPayload payload) {
        return EventLine.render(new ConversationEvent(UUID.randomUUID(), UUID.randomUUID(), 1, Instant.now(), source,
                payload)).orElseThrow();
    }
}
