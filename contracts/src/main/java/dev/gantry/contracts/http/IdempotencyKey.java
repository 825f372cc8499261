package dev.gantry.contracts.http;

import java.util.Optional;

/**
 * The {@code Idempotency-Key} a client sends with a create it may have to send again (IETF
 * draft-ietf-httpapi-idempotency-key-header): the create is made once, and a repeat with the same key and the
 * same request answers what the first made. A key is 1 to {@value #MAX_LENGTH} printable ASCII characters
 * (0x21-0x7E), so it is stored and compared as it is.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    /** On the answer to a repeat: nothing was made again, this is what the first request made. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 255;
    public static final String RULE = "must be 1 to " + MAX_LENGTH + " printable ASCII characters (no spaces)";

    public IdempotencyKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException(HEADER + " " + RULE);
        }
    }

    /** The key a request's header carries; empty when it carries none, an exception when it is not a key. */
    public static Optional<IdempotencyKey> fromHeader(String header) {
        return header == null ? Optional.empty() : Optional.of(new IdempotencyKey(header));
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        return value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    @Override
    public String toString() {
        return value;
    }
}
