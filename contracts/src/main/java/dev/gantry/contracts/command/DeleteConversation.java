package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/** The conversation is being deleted: stop its agent and forget its events. */
public record DeleteConversation(
        UUID commandId,
        UUID conversationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt) implements ConversationCommand {

    public DeleteConversation {
        require(commandId, "commandId");
        require(conversationId, "conversationId");
        require(issuedAt, "issuedAt");
    }
}
