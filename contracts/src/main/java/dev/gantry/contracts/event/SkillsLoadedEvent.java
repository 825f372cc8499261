package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Skills loaded for a conversation, and the files that could not be: the installation's and the owner's when the
 * conversation starts (before its first message), the workspace's right after its repository is cloned. Written by
 * the worker, source {@code system}. The skills of a conversation are those of all its SkillsLoadedEvents (a later
 * one replaces a skill of the same name), so a worker that takes the conversation over gives the agent exactly these,
 * whatever the files or the user's skills have become since. A skipped file is a warning, never a failed conversation.
 *
 * @param skills          the skills loaded, each with the content the agent gets
 * @param skipped         what could not be loaded, and why
 * @param activatedSkills the loaded skills that user messages written before this event trigger: they are added to
 *                        the conversation here, as a later message's are with that {@link MessageEvent}
 */
public record SkillsLoadedEvent(List<LoadedSkill> skills, List<SkippedSkill> skipped, List<String> activatedSkills)
        implements EventPayload {

    /** Where a skill comes from. */
    public enum SkillSource {
        /** the installation's skill directory ({@code gantry.worker.skills.directory}, a ConfigMap in Kubernetes) */
        @JsonProperty("installation") INSTALLATION,
        /** the conversation owner's skills ({@code /api/v1/skills}) */
        @JsonProperty("user") USER,
        /** the conversation's workspace: its repository's AGENTS.md and skill directories */
        @JsonProperty("workspace") WORKSPACE
    }

    /**
     * @param path      the file it was read from, relative to the workspace or the installation's directory; null
     *                  for a user's skill
     * @param triggers  none: always on, in the system prompt; else added to the conversation once, when a user
     *                  message contains one of them
     * @param content   what the agent gets, cut to the worker's cap with a notice at its end when the file is longer
     * @param truncated whether the content was cut
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoadedSkill(String name, SkillSource source, String path, List<String> triggers, String content,
            boolean truncated) {

        public LoadedSkill {
            requireText(name, "name");
            require(source, "source");
            require(content, "content");
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
        }

        /** A skill without triggers is always on. */
        public boolean alwaysOn() {
            return triggers.isEmpty();
        }
    }

    /**
     * @param path   the file (or, for a skill of the user, its name); null when a whole source could not be read
     * @param reason why, for the user: the line and column of a YAML error, the field that is wrong, the cap reached
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SkippedSkill(SkillSource source, String path, String reason) {

        public SkippedSkill {
            require(source, "source");
            requireText(reason, "reason");
        }
    }

    public SkillsLoadedEvent {
        skills = skills == null ? List.of() : List.copyOf(skills);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        activatedSkills = activatedSkills == null ? List.of() : List.copyOf(activatedSkills);
    }
}
