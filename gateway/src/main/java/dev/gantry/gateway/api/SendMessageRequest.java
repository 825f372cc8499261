package dev.gantry.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A user message; {@code run} also starts the agent on it, as in OpenHands. */
public record SendMessageRequest(@NotBlank @Size(max = Limits.MESSAGE_LENGTH) String content, boolean run) {
}
