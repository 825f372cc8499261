package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import java.util.UUID;

/** The user refused, in confirmation mode, to let an action run. It stands in for its observation. */
public record UserRejectObservation(
        UUID actionId,
        String toolName,
        String toolCallId,
        String rejectionReason) implements EventPayload {

    public UserRejectObservation {
        require(actionId, "actionId");
        requireText(toolName, "toolName");
        requireText(toolCallId, "toolCallId");
        rejectionReason = rejectionReason == null ? "" : rejectionReason;
    }
}
