package dev.gantry.worker.skills;

import dev.gantry.contracts.event.ConversationEvent;
import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import dev.gantry.contracts.event.SkillsLoadedEvent.LoadedSkill;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events and skills as a conversation's log holds them, for tests. */
final class Events {

    static final UUID CONVERSATION = UUID.randomUUID();

    private Events() {
    }

    static ConversationEvent event(long seq, EventSource source, EventPayload payload) {
        return new ConversationEvent(UUID.randomUUID(), CONVERSATION, seq, Instant.now(), source, payload);
    }

    static LoadedSkill skill(String name, String content, String... triggers) {
        return new LoadedSkill(name, SkillSource.WORKSPACE, ".openhands/skills/" + name + ".md", List.of(triggers),
                content, false);
    }
}
