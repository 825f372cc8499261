package dev.gantry.worker.agent;

import dev.gantry.contracts.command.AgentSettings;
import java.util.UUID;

/** Who owns a conversation, its sandbox and its agent's settings: from StartConversation or conversation-service. */
record ConversationSetup(String ownerId, UUID sandboxId, AgentSettings settings) {
}
