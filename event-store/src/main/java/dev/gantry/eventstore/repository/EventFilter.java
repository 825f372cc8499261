package dev.gantry.eventstore.repository;

import dev.gantry.contracts.event.EventSource;

/**
 * Narrows a query to events of one kind and/or one source.
 *
 * @param kind   the event kind ({@code ActionEvent}), or null for any
 * @param source the source, or null for any
 */
public record EventFilter(String kind, EventSource source) {

    public static final EventFilter NONE = new EventFilter(null, null);
}
