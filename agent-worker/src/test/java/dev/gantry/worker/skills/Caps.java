package dev.gantry.worker.skills;

import java.util.Optional;

/** Skill settings for a test. */
record Caps(Optional<String> directory, int maxSkillChars, int maxTotalChars, int maxSkills) implements SkillsConfig {

    static Caps of(int maxSkillChars, int maxTotalChars, int maxSkills) {
        return new Caps(Optional.empty(), maxSkillChars, maxTotalChars, maxSkills);
    }
}
