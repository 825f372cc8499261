package dev.gantry.conversation.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** {@code EventCallback} of docs/INTERNAL-API.md. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventCallback(UUID id, String url, List<String> eventKinds, String signingSecretName) {
}
