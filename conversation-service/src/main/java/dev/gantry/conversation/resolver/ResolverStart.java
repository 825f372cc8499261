package dev.gantry.conversation.resolver;

import java.util.UUID;

/**
 * {@code POST /internal/resolver/conversations}: start the conversation of one webhook delivery, once. {@code branch}
 * is the pull request's branch, or null for the repository's default.
 */
public record ResolverStart(UUID configurationId, String deliveryId, long itemNumber, boolean pullRequest,
        String title, String initialMessage, String branch) {
}
