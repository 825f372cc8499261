package dev.gantry.worker.messaging;

import dev.gantry.contracts.event.EventPayload;
import dev.gantry.contracts.event.EventSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** An event to append, before the log gives it its seq and time. */
public record NewEvent(UUID id, EventSource source, EventPayload payload) {

    public static NewEvent of(EventSource source, EventPayload payload) {
        return new NewEvent(UUID.randomUUID(), source, payload);
    }

    /**
     * The first event a command causes gets an id derived from the command's id, so a worker that sees
     * the command again (after a crash) finds in the log that it was already taken.
     */
    public static NewEvent causedBy(UUID commandId, EventSource source, EventPayload payload) {
        return new NewEvent(idCausedBy(commandId), source, payload);
    }

    public static UUID idCausedBy(UUID commandId) {
        return UUID.nameUUIDFromBytes(("gantry-command:" + commandId).getBytes(StandardCharsets.UTF_8));
    }
}
