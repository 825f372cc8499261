package dev.gantry.conversation.resolver;

import java.time.Instant;
import java.util.UUID;

/** The conversation a delivery started and where it answers: the issue or pull request {@code itemNumber}. */
public record ResolverJob(UUID conversationId, String provider, String deliveryId, UUID configurationId, String userId,
        String host, String repository, long itemNumber, boolean pullRequest, boolean startCommentPosted,
        boolean closingCommentPosted, Instant createdAt) {

    static ResolverJob of(ResolverJobEntity row) {
        return new ResolverJob(row.conversationId, row.provider, row.deliveryId, row.configurationId, row.userId, row.host,
                row.repository, row.itemNumber, row.pullRequest, row.startCommentPosted, row.closingCommentPosted,
                row.createdAt);
    }
}
