package dev.gantry.eventstore.service;

import java.util.UUID;

/**
 * Events missing from a conversation's log: {@code nextSeq} was stored while the log ended at
 * {@code lastSeqBefore}, so the events in between have not arrived.
 */
public record SeqGap(UUID conversationId, long lastSeqBefore, long nextSeq) {

    public long missing() {
        return nextSeq - lastSeqBefore - 1;
    }
}
