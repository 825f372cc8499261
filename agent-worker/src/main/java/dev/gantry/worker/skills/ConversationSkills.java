package dev.gantry.worker.skills;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.MessageEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The skills of one conversation, derived from its log only: those its SkillsLoadedEvents loaded (a later one
 * replacing a skill of the same name), the ones already activated (by a MessageEvent or a SkillsLoadedEvent), and the
 * user's messages so far. A worker that reads the log back knows exactly what the previous one did.
 */
public final class ConversationSkills {

    private final Map<String, LoadedSkill> skills = new LinkedHashMap<>();
    private final Set<String> activated = new LinkedHashSet<>();
    private final List<String> userMessages = new ArrayList<>();

    public void apply(ConversationEvent event) {
        switch (event.payload()) {
            case SkillsLoadedEvent loaded -> load(loaded);
            case MessageEvent message when event.source() == EventSource.USER -> {
                userMessages.add(message.content());
                activated.addAll(message.activatedSkills());
            }
            default -> {
                // nothing else loads or activates a skill
            }
        }
    }

    /** These skills with {@code loading} applied too: what a message written after it would trigger. */
    public ConversationSkills with(Optional<SkillsLoadedEvent> loading) {
        ConversationSkills copy = new ConversationSkills();
        copy.skills.putAll(skills);
        copy.activated.addAll(activated);
        copy.userMessages.addAll(userMessages);
        loading.ifPresent(copy::load);
        return copy;
    }

    /** The skills {@code message} activates: triggered by it, and not activated before. */
    public List<String> triggeredBy(String message) {
        return skills.values().stream()
                .filter(skill -> !skill.alwaysOn() && !activated.contains(skill.name()))
                .filter(skill -> SkillTriggers.match(skill.triggers(), message).isPresent())
                .map(LoadedSkill::name)
                .toList();
    }

    /** Of skills about to be loaded, those the user's messages so far trigger and that were not activated before. */
    public List<String> triggeredByMessagesSoFar(List<LoadedSkill> loading) {
        return loading.stream()
                .filter(skill -> !skill.alwaysOn() && !activated.contains(skill.name()))
                .filter(skill -> userMessages.stream().anyMatch(m -> SkillTriggers.match(skill.triggers(), m).isPresent()))
                .map(LoadedSkill::name)
                .toList();
    }

    /** The trigger of the skill that the user's messages so far contain, the latest message first. */
    public Optional<String> triggerSoFar(LoadedSkill skill) {
        for (int i = userMessages.size() - 1; i >= 0; i--) {
            Optional<String> trigger = SkillTriggers.match(skill.triggers(), userMessages.get(i));
            if (trigger.isPresent()) {
                return trigger;
            }
        }
        return Optional.empty();
    }

    public Optional<LoadedSkill> skill(String name) {
        return Optional.ofNullable(skills.get(name));
    }

    /** The skills that are always on, in the order they were loaded. */
    public List<LoadedSkill> alwaysOn() {
        return skills.values().stream().filter(LoadedSkill::alwaysOn).toList();
    }

    public Collection<LoadedSkill> all() {
        return skills.values();
    }

    /** The characters the conversation's skills hold, against {@link SkillsConfig#maxTotalChars()}. */
    public int totalChars() {
        return skills.values().stream().mapToInt(skill -> skill.content().length()).sum();
    }

    private void load(SkillsLoadedEvent loaded) {
        loaded.skills().forEach(skill -> skills.put(skill.name(), skill));
        activated.addAll(loaded.activatedSkills());
    }
}
