package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * A user message. It enters the event log when the owning worker takes this command.
 *
 * @param run whether the agent starts working on it, or only records it
 */
public record SendMessage(
        UUID commandId,
        UUID conversationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt,
        String content,
        boolean run) implements ConversationCommand {

    public SendMessage {
        require(commandId, "commandId");
        require(conversationId, "conversationId");
        require(issuedAt, "issuedAt");
        require(content, "content");
    }
}
