package dev.gantry.conversation.rest.dto;

import java.util.List;
import java.util.UUID;

/** {@code EventCallback} of docs/INTERNAL-API.md. */
public record EventCallback(UUID id, String url, List<String> eventKinds, String signingSecretName) {
}
