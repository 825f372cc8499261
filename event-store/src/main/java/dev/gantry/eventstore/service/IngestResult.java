package dev.gantry.eventstore.service;

import dev.gantry.contracts.event.ConversationEvent;
import java.util.List;

/**
 * What one batch did to the log.
 *
 * @param stored the events this batch added, in the batch's order; redeliveries are not among them
 * @param gaps   the holes in seq the batch revealed
 */
public record IngestResult(int received, List<ConversationEvent> stored, List<SeqGap> gaps) {

    public int duplicates() {
        return received - stored.size();
    }
}
