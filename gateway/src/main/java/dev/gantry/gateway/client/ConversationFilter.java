package dev.gantry.gateway.client;

/**
 * What a conversation listing is narrowed and ordered by, passed on as the client gave it: conversation-service
 * checks each value and answers a 400 naming the bad one (an unknown {@code sort}, a date that is not ISO-8601),
 * which the client gets as it is.
 */
public record ConversationFilter(String status, String titleContains, String createdAfter, String createdBefore,
        String updatedAfter, String updatedBefore, String sort) {
}
