package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;

import java.util.List;
import java.util.UUID;

/**
 * The condenser dropped events from the LLM's view of the history, replacing them by a summary.
 *
 * @param summaryOffset where in the kept history the summary goes; null when there is no summary
 */
public record CondensationEvent(List<UUID> forgottenEventIds, String summary, Integer summaryOffset)
        implements EventPayload {

    public CondensationEvent {
        forgottenEventIds = List.copyOf(require(forgottenEventIds, "forgottenEventIds"));
    }
}
