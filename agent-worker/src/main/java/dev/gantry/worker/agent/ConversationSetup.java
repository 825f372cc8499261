package dev.gantry.worker.agent;

import dev.gantry.contracts.command.AgentSettings;
import dev.gantry.contracts.command.StartConversation;
import java.util.UUID;

/**
 * Who owns a conversation, its sandbox, its agent's settings and the repository it works on (or null): from
 * StartConversation or conversation-service.
 */
record ConversationSetup(String ownerId, UUID sandboxId, AgentSettings settings, String repository) {

    /** The setup a conversation's first command carries. */
    static ConversationSetup of(StartConversation start) {
        return new ConversationSetup(start.userId(), start.sandboxId(), start.settings(), start.repository());
    }
}
