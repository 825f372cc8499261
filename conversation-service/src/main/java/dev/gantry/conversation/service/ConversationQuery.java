package dev.gantry.conversation.service;

import dev.gantry.contracts.event.ExecutionStatus;
import java.time.Instant;

/**
 * A conversation list request, checked. Null filters do not filter.
 *
 * @param ownerId null lists every user's conversations (an admin's request)
 * @param cursor  null for the first page
 */
public record ConversationQuery(
        String ownerId,
        ExecutionStatus status,
        String titleContains,
        Instant createdAfter,
        Instant createdBefore,
        Instant updatedAfter,
        Instant updatedBefore,
        ConversationSort sort,
        PageCursor cursor,
        int limit) {
}
