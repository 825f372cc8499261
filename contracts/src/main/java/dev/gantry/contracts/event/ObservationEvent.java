package dev.gantry.contracts.event;

import static dev.gantry.contracts.RequiredFields.require;
import static dev.gantry.contracts.RequiredFields.requireText;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The result of executing an {@link ActionEvent}, as the LLM will see it.
 *
 * @param actionId the id of the {@link ConversationEvent} that carried the action
 * @param exitCode the command's exit code where it applies (terminal), -1 while still running
 * @param error    the tool ran but reports a failure (a missing file, a non-unique match...)
 * @param images   images the tool returned as {@code data:} URLs (the editor's view of an image file), shown to
 *                 the LLM after the tool results, as OpenHands' observations carry image content; usually empty
 */
public record ObservationEvent(
        UUID actionId,
        String toolName,
        String toolCallId,
        String content,
        Integer exitCode,
        boolean error,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> images) implements EventPayload {

    public ObservationEvent(UUID actionId, String toolName, String toolCallId, String content, Integer exitCode,
            boolean error) {
        this(actionId, toolName, toolCallId, content, exitCode, error, List.of());
    }

    public ObservationEvent {
        images = images == null ? List.of() : List.copyOf(images);
        require(actionId, "actionId");
        requireText(toolName, "toolName");
        requireText(toolCallId, "toolCallId");
        require(content, "content");
    }
}
