package dev.gantry.eventstore.rest;

import dev.gantry.contracts.event.ConversationEvent;
import java.util.List;

/** One page of a conversation's events; {@code nextPageId} is null on the last page. */
public record EventPage(List<ConversationEvent> items, String nextPageId) {
}
