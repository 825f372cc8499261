package dev.gantry.eventstore.rest;

import java.util.UUID;

/** No event with this id in this conversation's log; answered 404. */
class EventNotFoundException extends RuntimeException {

    EventNotFoundException(UUID conversationId, UUID eventId) {
        super("conversation " + conversationId + " has no event " + eventId);
    }
}
