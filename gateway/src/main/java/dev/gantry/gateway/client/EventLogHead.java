package dev.gantry.gateway.client;

import java.util.UUID;

/** Where a conversation's event log ends: {@code lastSeq} is 0 while it has none. */
public record EventLogHead(UUID conversationId, long lastSeq) {
}
