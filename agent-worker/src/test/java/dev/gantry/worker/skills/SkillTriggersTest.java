package dev.gantry.worker.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkillTriggersTest {

    @Test
    void aTriggerMatchesIgnoringCase() {
        assertThat(SkillTriggers.match(List.of("Python"), "Fix the PYTHON tests")).contains("Python");
    }

    @Test
    void aTriggerMatchesAWholeTokenOnly() {
        assertThat(SkillTriggers.match(List.of("git"), "open it on github")).isEmpty();
        assertThat(SkillTriggers.match(List.of("issue"), "a tissue")).isEmpty();
        assertThat(SkillTriggers.match(List.of("git"), "commit with git, then push")).contains("git");
        assertThat(SkillTriggers.match(List.of("git"), "(git)")).contains("git");
    }

    @Test
    void slashCommandsAndPhrasesAndSymbolsMatch() {
        assertThat(SkillTriggers.match(List.of("/deploy"), "please /deploy now")).contains("/deploy");
        assertThat(SkillTriggers.match(List.of("code review"), "Do a Code Review of it")).contains("code review");
        assertThat(SkillTriggers.match(List.of("c++"), "port it to C++.")).contains("c++");
    }

    @Test
    void theFirstTriggerFoundIsTheOneReported() {
        assertThat(SkillTriggers.match(List.of("pytest", "python"), "python and pytest")).contains("pytest");
        assertThat(SkillTriggers.match(List.of("ruby"), "python")).isEmpty();
        assertThat(SkillTriggers.match(List.of(), "python")).isEmpty();
    }
}
