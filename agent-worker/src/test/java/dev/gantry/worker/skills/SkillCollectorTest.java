package dev.gantry.worker.skills;

import static dev.gantry.worker.skills.Events.event;
import static dev.gantry.worker.skills.Events.skill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkippedSkill;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SkillCollectorTest {

    private final UUID conversation = UUID.randomUUID();

    @Test
    void aSkillOverItsCapIsCutWithANoticeSayingWhereTheWholeTextIs() {
        SkillCollector collector = new SkillCollector(conversation, Caps.of(100, 10_000, 10), new ConversationSkills());

        collector.add(SkillSource.WORKSPACE, "AGENTS.md", parsed("agents", "a".repeat(250)), "/workspace/AGENTS.md");

        LoadedSkill loaded = collector.event().orElseThrow().skills().getFirst();
        assertThat(loaded.truncated()).isTrue();
        assertThat(loaded.content()).startsWith("a".repeat(100) + "\n\n[Skill cut here: only its first 100 characters")
                .endsWith("The whole text is in /workspace/AGENTS.md; read it there if you need the rest.]")
                .doesNotContain("a".repeat(101));
    }

    @Test
    void aSkillWithinItsCapIsKeptWhole() {
        SkillCollector collector = new SkillCollector(conversation, Caps.of(100, 10_000, 10), new ConversationSkills());

        collector.add(SkillSource.USER, null, parsed("style", "b".repeat(100)), null);

        LoadedSkill loaded = collector.event().orElseThrow().skills().getFirst();
        assertThat(loaded.truncated()).isFalse();
        assertThat(loaded.content()).isEqualTo("b".repeat(100));
    }

    @Test
    void theConversationsTotalCutsTheSkillThatReachesItAndSkipsTheNext() {
        ConversationSkills current = new ConversationSkills();
        current.apply(event(1, EventSource.SYSTEM, new SkillsLoadedEvent(List.of(skill("early", "e".repeat(60))),
                List.of(), List.of())));
        SkillCollector collector = new SkillCollector(conversation, Caps.of(100, 150, 10), current);

        collector.add(SkillSource.WORKSPACE, "a.md", parsed("a", "a".repeat(50)), null);
        collector.add(SkillSource.WORKSPACE, "b.md", parsed("b", "b".repeat(80)), null);
        collector.add(SkillSource.WORKSPACE, "c.md", parsed("c", "c"), null);

        SkillsLoadedEvent event = collector.event().orElseThrow();
        assertThat(event.skills()).extracting(LoadedSkill::name).containsExactly("a", "b");
        assertThat(event.skills().get(1).truncated()).isTrue();
        assertThat(event.skills().get(1).content()).startsWith("b".repeat(40) + "\n\n[Skill cut here")
                .doesNotContain("b".repeat(41));
        assertThat(event.skipped()).extracting(SkippedSkill::path, SkippedSkill::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c.md", "the conversation's skills hold 150 characters already,"
                        + " the most they may (gantry.worker.skills.max-total-chars)"));
    }

    @Test
    void skillsPastTheCountAreSkippedAndSaySo() {
        SkillCollector collector = new SkillCollector(conversation, Caps.of(100, 10_000, 2), new ConversationSkills());

        collector.add(SkillSource.USER, null, parsed("a", "x"), null);
        assertThat(collector.full()).isFalse();
        collector.add(SkillSource.USER, null, parsed("b", "x"), null);
        collector.add(SkillSource.USER, null, parsed("c", "x"), null);

        assertThat(collector.full()).isTrue();
        assertThat(collector.event().orElseThrow().skipped()).singleElement()
                .extracting(SkippedSkill::reason).asString().contains("has 2 skills already");
    }

    @Test
    void theFirstSkillOfANameTakesPrecedenceAndTheOtherIsSkippedNamingIt() {
        SkillCollector collector = new SkillCollector(conversation, Caps.of(100, 10_000, 10), new ConversationSkills());

        collector.add(SkillSource.WORKSPACE, ".gantry/skills/python.md", parsed("python", "gantry's"), null);
        collector.add(SkillSource.WORKSPACE, ".openhands/microagents/python.md", parsed("python", "legacy"), null);
        collector.add(SkillSource.WORKSPACE, ".openhands/skills/empty.md", parsed("empty", " "), null);

        SkillsLoadedEvent event = collector.event().orElseThrow();
        assertThat(event.skills()).singleElement().extracting(LoadedSkill::content).isEqualTo("gantry's");
        assertThat(event.skipped()).extracting(SkippedSkill::reason).containsExactly(
                "a skill named 'python' was loaded from .gantry/skills/python.md, which takes precedence",
                "it has no text besides its front matter");
    }

    @Test
    void aSkillThatMessagesBeforeItsLoadingTriggerIsActivatedByTheLoading() {
        ConversationSkills current = new ConversationSkills();
        current.apply(event(1, EventSource.USER, new MessageEvent("Fix the Python tests")));
        current.apply(event(2, EventSource.AGENT, new MessageEvent("what about docker?")));
        SkillCollector collector = new SkillCollector(conversation, Caps.of(100, 10_000, 10), current);

        collector.add(SkillSource.WORKSPACE, "p.md", new SkillFile.Parsed("python", List.of("python"), "pytest"), null);
        collector.add(SkillSource.WORKSPACE, "d.md", new SkillFile.Parsed("docker", List.of("docker"), "compose"), null);
        collector.add(SkillSource.WORKSPACE, "a.md", parsed("always", "on"), null);

        assertThat(collector.event().orElseThrow().activatedSkills()).containsExactly("python");
    }

    @Test
    void nothingLoadedAndNothingSkippedIsNoEvent() {
        assertThat(new SkillCollector(conversation, Caps.of(100, 100, 10), new ConversationSkills()).event()).isEmpty();
    }

    private static SkillFile.Parsed parsed(String name, String content) {
        return new SkillFile.Parsed(name, List.of(), content);
    }
}
