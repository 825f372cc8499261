package dev.gantry.eventstore.repository;

import java.util.UUID;

/** The highest seq stored for a conversation. */
public record StoredHead(UUID conversationId, long lastSeq) {
}
