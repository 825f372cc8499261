package dev.gantry.worker.agent;

import dev.gantry.contracts.command.AgentSettings;
import java.util.UUID;

/**
 * Who owns a conversation, its sandbox, its agent's settings and the repository it works on (or null): from
 * StartConversation or conversation-service.
 */
record ConversationSetup(String ownerId, UUID sandboxId, AgentSettings settings, String repository) {
}
