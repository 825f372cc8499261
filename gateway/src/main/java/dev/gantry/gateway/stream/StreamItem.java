package dev.gantry.gateway.stream;

/** What a live stream sends: an event, or a heartbeat that keeps an idle connection open. */
public sealed interface StreamItem permits RelayedEvent, StreamItem.Heartbeat {

    Heartbeat HEARTBEAT = new Heartbeat();

    /** A keep-alive with no content. */
    record Heartbeat() implements StreamItem {
    }
}
