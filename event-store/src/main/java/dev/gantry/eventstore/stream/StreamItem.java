package dev.gantry.eventstore.stream;

/** What a live stream sends its client: an event, or a heartbeat that keeps an idle connection open. */
public sealed interface StreamItem permits EventFrame, Heartbeat {
}
