package dev.gantry.contracts.http;

import java.util.List;
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
    public static final String RULE = "must be sent once, as 1 to " + MAX_LENGTH + " printable ASCII characters (no spaces)";

    public IdempotencyKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException(HEADER + " " + RULE);
        }
    }

    /**
     * The key a request carries, given the values of its {@code Idempotency-Key} headers (null or none: no key); an
     * exception when they are not one key (an empty value, or the header twice).
     */
    public static Optional<IdempotencyKey> fromHeaders(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException(HEADER + " must be sent once");
        }
        return Optional.of(new IdempotencyKey(values.getFirst()));
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
