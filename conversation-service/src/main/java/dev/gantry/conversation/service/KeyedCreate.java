package dev.gantry.conversation.service;

import java.time.Instant;

/**
 * What a create with an {@code Idempotency-Key} stores beside the conversation.
 *
 * @param key the client's key, unique per owner
 * @param fingerprint the {@link RequestFingerprint} of its request
 * @param keptSince a conversation of the owner created before this with the same key has outlived the key's
 *        retention: its key is freed in the create's transaction
 */
public record KeyedCreate(String key, String fingerprint, Instant keptSince) {
}
