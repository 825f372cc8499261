package dev.gantry.eventstore.stream;

import java.util.UUID;

/**
 * One stored event, ready to send: its JSON is written once and shared by every stream that sends it.
 *
 * @param json the {@code ConversationEvent} envelope as the contracts' mapping writes it
 */
public record EventFrame(UUID conversationId, long seq, String kind, String json) implements StreamItem, LiveSignal {
}
