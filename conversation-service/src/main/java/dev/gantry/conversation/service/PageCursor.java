package dev.gantry.conversation.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page starts: the sort it belongs to and the sort value and id of the last row of the
 * previous page (keyset paging, so rows added meanwhile neither repeat nor vanish). Opaque to callers.
 */
public record PageCursor(String sort, String value, UUID id) {

    private static final String SEPARATOR = "\n";

    /** The sort value as the instant it was written from. */
    public Instant instantValue() {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            throw notOurs();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, sort, value, id.toString()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a pageId holds, which must belong to {@code expectedSort}; null for the first page. */
    public static PageCursor decode(String pageId, String expectedSort) {
        if (pageId == null || pageId.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(pageId), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (parts.length != 3 || !parts[0].equals(expectedSort)) {
                throw notOurs();
            }
            return new PageCursor(parts[0], parts[1], UUID.fromString(parts[2]));
        } catch (IllegalArgumentException malformed) {
            throw notOurs();
        }
    }

    private static ProblemException notOurs() {
        return ProblemException.invalid("pageId", "is not a page id this list gave for this sort");
    }
}
