package dev.gantry.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A command for the agent-worker that owns a conversation, on {@code gantry.conversation-commands}.
 * Every command has its own id, so a consumer that sees it twice can drop the repeat.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StartConversation.class, name = "StartConversation"),
        @JsonSubTypes.Type(value = SendMessage.class, name = "SendMessage"),
        @JsonSubTypes.Type(value = Pause.class, name = "Pause"),
        @JsonSubTypes.Type(value = Resume.class, name = "Resume"),
        @JsonSubTypes.Type(value = Stop.class, name = "Stop"),
        @JsonSubTypes.Type(value = ConfirmationResponse.class, name = "ConfirmationResponse"),
        @JsonSubTypes.Type(value = DeleteConversation.class, name = "DeleteConversation")
})
public sealed interface ConversationCommand
        permits StartConversation, SendMessage, Pause, Resume, Stop, ConfirmationResponse, DeleteConversation {

    UUID commandId();

    /** The record key: the conversation this command is for. */
    UUID conversationId();

    Instant issuedAt();
}
