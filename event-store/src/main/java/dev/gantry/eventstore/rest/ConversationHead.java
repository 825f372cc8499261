package dev.gantry.eventstore.rest;

import java.util.UUID;

/** How far a conversation's log goes: a resuming worker waits until it reaches the topic's end. */
public record ConversationHead(UUID conversationId, long lastSeq) {
}
