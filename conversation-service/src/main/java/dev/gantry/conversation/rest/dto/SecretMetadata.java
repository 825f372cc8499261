package dev.gantry.conversation.rest.dto;

import java.time.Instant;

/** What the user-facing API shows of a secret: never its value. */
public record SecretMetadata(String name, String description, Instant createdAt, Instant updatedAt) {
}
