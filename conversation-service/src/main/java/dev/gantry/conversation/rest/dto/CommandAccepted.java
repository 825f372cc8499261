package dev.gantry.conversation.rest.dto;

import java.util.UUID;

/** The answer to a lifecycle call: the id of the command that will reach the agent. */
public record CommandAccepted(UUID commandId) {
}
