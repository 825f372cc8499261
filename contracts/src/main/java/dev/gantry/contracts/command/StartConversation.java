package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * Start the agent on a new conversation.
 *
 * @param userId         the owner, as the gateway authenticated them
 * @param sandboxId      the sandbox the conversation's tools run in
 * @param initialMessage the task; null starts an idle conversation that waits for a message
 * @param repository     a repository to clone into the workspace, or null
 * @param branch         the branch of that repository, or null for its default
 * @param settings       the agent's settings, taken when the conversation was created
 */
public record StartConversation(
        UUID commandId,
        UUID conversationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt,
        String userId,
        UUID sandboxId,
        String initialMessage,
        String repository,
        String branch,
        AgentSettings settings) implements ConversationCommand {

    public StartConversation {
        require(commandId, "commandId");
        require(conversationId, "conversationId");
        require(issuedAt, "issuedAt");
        requireText(userId, "userId");
        require(sandboxId, "sandboxId");
        require(settings, "settings");
    }
}
