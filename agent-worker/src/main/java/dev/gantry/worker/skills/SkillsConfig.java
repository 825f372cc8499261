package dev.gantry.worker.skills;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where skills come from besides the user's and the workspace's, and how much of them a conversation takes. */
@ConfigMapping(prefix = "gantry.worker.skills")
public interface SkillsConfig {

    /**
     * The installation's skills: every {@code *.md} file of this directory (README.md and hidden files aside), for
     * every conversation. The Helm chart mounts its {@code skills} values here from a ConfigMap.
     */
    Optional<String> directory();

    /** A skill longer than this is cut, with a notice at its end that says so. */
    @WithDefault("30000")
    int maxSkillChars();

    /** What all the skills of one conversation may hold together; a skill past it is cut or skipped. */
    @WithDefault("100000")
    int maxTotalChars();

    /** How many skills one conversation may have; files past it are skipped. */
    @WithDefault("100")
    int maxSkills();
}
