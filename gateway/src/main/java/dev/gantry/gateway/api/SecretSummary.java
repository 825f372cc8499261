package dev.gantry.gateway.api;

import java.time.Instant;

/** A stored secret without its value. */
public record SecretSummary(String name, String description, Instant createdAt, Instant updatedAt) {
}
