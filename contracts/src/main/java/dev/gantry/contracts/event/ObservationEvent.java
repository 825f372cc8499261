package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import java.util.UUID;

/**
 * The result of executing an {@link ActionEvent}, as the LLM will see it.
 *
 * @param actionId the id of the {@link ConversationEvent} that carried the action
 * @param exitCode the command's exit code where it applies (terminal), -1 while still running
 * @param error    the tool ran but reports a failure (a missing file, a non-unique match...)
 */
public record ObservationEvent(
        UUID actionId,
        String toolName,
        String toolCallId,
        String content,
        Integer exitCode,
        boolean error) implements EventPayload {

    public ObservationEvent {
        require(actionId, "actionId");
        requireText(toolName, "toolName");
        requireText(toolCallId, "toolCallId");
        require(content, "content");
    }
}
