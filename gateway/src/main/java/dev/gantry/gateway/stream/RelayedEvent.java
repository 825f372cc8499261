package dev.gantry.gateway.stream;

/**
 * One event as the event-store streamed it, relayed untouched.
 *
 * @param id   the event's seq, what a client sends back as Last-Event-ID
 * @param kind the event's kind (the SSE event name)
 * @param json the {@code ConversationEvent} JSON
 */
public record RelayedEvent(String id, String kind, String json) implements StreamItem {
}
