package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/**
 * The user's answer to the actions waiting for confirmation: run them, or reject them with a reason.
 */
public record ConfirmationResponse(
        UUID commandId,
        UUID conversationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt,
        boolean accept,
        String reason) implements ConversationCommand {

    public ConfirmationResponse {
        require(commandId, "commandId");
        require(conversationId, "conversationId");
        require(issuedAt, "issuedAt");
    }
}
