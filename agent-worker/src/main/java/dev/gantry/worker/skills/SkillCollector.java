package dev.gantry.worker.skills;

import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkippedSkill;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Gathers one loading of skills into its event, within the caps: a skill longer than its cap is cut with a notice,
 * one past the conversation's total is cut to what is left or skipped, one past the count is skipped, and a second
 * skill of a name already loaded here is skipped (the first one read takes precedence, as in OpenHands).
 */
final class SkillCollector {

    private final UUID conversationId;
    private final SkillsConfig config;
    private final ConversationSkills current;
    private final Map<String, LoadedSkill> loaded = new LinkedHashMap<>();
    private final List<SkippedSkill> skipped = new ArrayList<>();

    SkillCollector(UUID conversationId, SkillsConfig config, ConversationSkills current) {
        this.conversationId = conversationId;
        this.config = config;
        this.current = current;
    }

    /**
     * @param whole where the agent can read all of it, for the notice when it is cut; null when it cannot
     */
    void add(SkillSource source, String path, SkillFile.Parsed skill, String whole) {
        LoadedSkill first = loaded.get(skill.name());
        if (first != null) {
            skip(source, path, "a skill named '" + skill.name() + "' was loaded from " + origin(first)
                    + ", which takes precedence");
            return;
        }
        if (skill.content().isBlank()) {
            skip(source, path, "it has no text besides its front matter");
            return;
        }
        if (count(skill.name()) >= config.maxSkills()) {
            skip(source, path, "the conversation has " + config.maxSkills() + " skills already, the most it may have"
                    + " (gantry.worker.skills.max-skills)");
            return;
        }
        int left = config.maxTotalChars() - charsBesides(skill.name());
        if (left <= 0) {
            skip(source, path, "the conversation's skills hold " + config.maxTotalChars() + " characters already, the"
                    + " most they may (gantry.worker.skills.max-total-chars)");
            return;
        }
        int cap = Math.min(config.maxSkillChars(), left);
        String content = skill.content();
        boolean truncated = content.length() > cap;
        if (truncated) {
            content = cut(content, cap) + notice(cap, whole);
            Log.infof("conversation %s: skill '%s' (%s) cut to %d of its %d characters", conversationId, skill.name(),
                    path == null ? source : path, cap, skill.content().length());
        }
        loaded.put(skill.name(), new LoadedSkill(skill.name(), source, path, skill.triggers(), content, truncated));
    }

    void skip(SkillSource source, String path, String reason) {
        Log.warnf("conversation %s: a %s skill%s was skipped: %s", conversationId, source.name().toLowerCase(java.util.Locale.ROOT),
                path == null ? "" : " (" + path + ")", reason);
        skipped.add(new SkippedSkill(source, path, reason));
    }

    /** Whether no further skill can be loaded, so reading more files is pointless. */
    boolean full() {
        return count(null) >= config.maxSkills();
    }

    /** The event to write, activating the loaded skills the user's messages so far trigger; empty when nothing happened. */
    Optional<SkillsLoadedEvent> event() {
        if (loaded.isEmpty() && skipped.isEmpty()) {
            return Optional.empty();
        }
        List<LoadedSkill> skills = List.copyOf(loaded.values());
        return Optional.of(new SkillsLoadedEvent(skills, skipped, current.triggeredByMessagesSoFar(skills)));
    }

    /** Skills the conversation would have, not counting one of this name (which a new one replaces). */
    private int count(String name) {
        long kept = current.all().stream()
                .filter(s -> !s.name().equals(name) && !loaded.containsKey(s.name())).count();
        return (int) kept + loaded.size();
    }

    private int charsBesides(String name) {
        int kept = current.all().stream()
                .filter(s -> !s.name().equals(name) && !loaded.containsKey(s.name()))
                .mapToInt(s -> s.content().length()).sum();
        return kept + loaded.values().stream().mapToInt(s -> s.content().length()).sum();
    }

    private static String origin(LoadedSkill skill) {
        return skill.path() != null ? skill.path() : "the user's skills";
    }

    private static String cut(String content, int cap) {
        int end = Character.isHighSurrogate(content.charAt(cap - 1)) ? cap - 1 : cap;
        return content.substring(0, end);
    }

    private static String notice(int cap, String whole) {
        return "\n\n[Skill cut here: only its first " + cap + " characters are shown."
                + (whole == null ? "]" : " The whole text is in " + whole + "; read it there if you need the rest.]");
    }
}
