package dev.gantry.contracts.command;

import static dev.gantry.contracts.RequiredFields.require;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.UUID;

/** Pause the agent after the step it is in; its sandbox is kept. */
public record Pause(
        UUID commandId,
        UUID conversationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant issuedAt) implements ConversationCommand {

    public Pause {
        require(commandId, "commandId");
        require(conversationId, "conversationId");
        require(issuedAt, "issuedAt");
    }
}
