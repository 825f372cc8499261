package dev.gantry.worker.skills;

import dev.gantry.contracts.event.SkillsLoadedEvent;
import dev.gantry.contracts.event.SkillsLoadedEvent.SkillSource;
import dev.gantry.worker.agent.prompt.SystemPrompt;
import dev.gantry.worker.client.ConversationServiceApi;
import dev.gantry.worker.client.ConversationServiceClient;
import dev.gantry.worker.sandbox.RuntimeClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads a conversation's skills, each source once: the owner's and the installation's when the conversation starts
 * (before its first message, so that message can trigger them), the workspace's right after its repository is cloned.
 * What it answers is the event to write, if anything was loaded or skipped; nothing here fails a conversation.
 */
@ApplicationScoped
public class SkillLoader {

    private final SkillsConfig config;
    private final ConversationServiceClient conversations;
    private final SystemPrompt prompt;

    SkillLoader(SkillsConfig config, ConversationServiceClient conversations, SystemPrompt prompt) {
        this.config = config;
        this.conversations = conversations;
        this.prompt = prompt;
    }

    /** The owner's skills, then the installation's (a user's skill takes precedence over one of the same name). */
    public Optional<SkillsLoadedEvent> atStart(UUID conversationId, ConversationSkills current) {
        SkillCollector collector = new SkillCollector(conversationId, config, current);
        List<ConversationServiceApi.Skill> owners;
        try {
            owners = conversations.skills(conversationId);
        } catch (RuntimeException e) {
            collector.skip(SkillSource.USER, null, "the user's skills could not be read: " + e.getMessage());
            owners = List.of();
        }
        for (ConversationServiceApi.Skill skill : owners) {
            collector.add(SkillSource.USER, null,
                    new SkillFile.Parsed(skill.name(), skill.triggers() == null ? List.of() : skill.triggers(),
                            skill.content()), null);
        }
        config.directory().ifPresent(directory -> InstallationSkills.read(Path.of(directory), collector, config));
        return collector.event();
    }

    /** The skills of the workspace of the conversation's sandbox, read through its runtime. */
    public Optional<SkillsLoadedEvent> fromWorkspace(UUID conversationId, UUID sandboxId, RuntimeClient runtime,
            ConversationSkills current) throws InterruptedException {
        SkillCollector collector = new SkillCollector(conversationId, config, current);
        WorkspaceSkills.read(runtime, prompt.workspace(sandboxId), collector, config);
        return collector.event();
    }
}
