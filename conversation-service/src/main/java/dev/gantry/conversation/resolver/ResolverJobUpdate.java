package dev.gantry.conversation.resolver;

/** What the integrations-service has posted on the provider for a job; a field left out is unchanged. */
public record ResolverJobUpdate(Boolean startCommentPosted, Boolean closingCommentPosted) {
}
