package dev.gantry.eventstore.repository;

import java.util.List;

/**
 * What storing a batch did.
 *
 * @param stored      the (conversation, seq) pairs the batch added; a redelivered event is not among them
 * @param headsBefore the last seq of each of the batch's conversations that had events before it
 */
public record BatchInsert(List<StoredHead> stored, List<StoredHead> headsBefore) {
}
