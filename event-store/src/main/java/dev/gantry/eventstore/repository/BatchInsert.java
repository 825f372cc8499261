package dev.gantry.eventstore.repository;

import java.util.List;

/**
 * What storing a batch did.
 *
 * @param stored      the (conversation, seq) pairs the batch added; a redelivered event is not among them
 * @param headsBefore the last seq, before the batch, of each conversation whose head was asked for and that
 *                    had events
 */
public record BatchInsert(List<StoredHead> stored, List<StoredHead> headsBefore) {
}
