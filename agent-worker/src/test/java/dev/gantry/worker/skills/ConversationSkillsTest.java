package dev.gantry.worker.skills;

import static dev.gantry.worker.skills.Events.event;
import static dev.gantry.worker.skills.Events.skill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationSkillsTest {

    @Test
    void aTriggeredSkillIsActivatedOncePerConversationWhicheverEventActivatedIt() {
        ConversationSkills skills = new ConversationSkills();
        skills.apply(event(1, EventSource.SYSTEM, new SkillsLoadedEvent(List.of(skill("python", "pytest", "python"),
                skill("docker", "compose", "docker"), skill("rules", "always")), List.of(), List.of("docker"))));

        assertThat(skills.triggeredBy("python in docker")).containsExactly("python");
        skills.apply(event(2, EventSource.USER, new MessageEvent("python in docker", List.of("python"))));

        assertThat(skills.triggeredBy("more PYTHON and docker")).isEmpty();
        assertThat(skills.alwaysOn()).extracting(LoadedSkill::name).containsExactly("rules");
    }

    @Test
    void theStateIsRebuiltFromTheLogAlone() {
        List<dev.gantry.contracts.event.ConversationEvent> log = List.of(
                event(1, EventSource.SYSTEM, new SkillsLoadedEvent(List.of(skill("python", "v1", "python")), List.of(),
                        List.of())),
                event(2, EventSource.USER, new MessageEvent("python please", List.of("python"))),
                event(3, EventSource.SYSTEM, new SkillsLoadedEvent(List.of(skill("python", "v2", "python"),
                        skill("go", "gofmt", "go")), List.of(), List.of())));
        ConversationSkills first = new ConversationSkills();
        ConversationSkills second = new ConversationSkills();
        log.forEach(first::apply);
        log.forEach(second::apply);

        assertThat(second.skill("python")).map(LoadedSkill::content).contains("v2");
        assertThat(second.triggeredBy("python and go")).isEqualTo(first.triggeredBy("python and go"))
                .containsExactly("go");
        assertThat(second.totalChars()).isEqualTo("v2".length() + "gofmt".length());
    }

    @Test
    void aLoadingAboutToBeWrittenCountsForTheMessageWrittenWithIt() {
        ConversationSkills skills = new ConversationSkills();
        SkillsLoadedEvent loading = new SkillsLoadedEvent(List.of(skill("deploy", "helm", "deploy")), List.of(), List.of());

        assertThat(skills.with(Optional.of(loading)).triggeredBy("deploy it")).containsExactly("deploy");
        assertThat(skills.triggeredBy("deploy it")).isEmpty();
        assertThat(skills.with(Optional.empty()).triggeredBy("deploy it")).isEmpty();
    }

    @Test
    void onlyTheUsersMessagesCountAsTriggersSoFar() {
        ConversationSkills skills = new ConversationSkills();
        skills.apply(event(1, EventSource.AGENT, new MessageEvent("shall I use docker?")));
        skills.apply(event(2, EventSource.USER, new MessageEvent("no, use python")));
        LoadedSkill docker = skill("docker", "compose", "docker");
        LoadedSkill python = skill("python", "pytest", "Python");

        assertThat(skills.triggeredByMessagesSoFar(List.of(docker, python))).containsExactly("python");
        assertThat(skills.triggerSoFar(python)).contains("Python");
    }
}
