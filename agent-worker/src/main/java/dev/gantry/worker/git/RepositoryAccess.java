package dev.gantry.worker.git;

import dev.gantry.worker.client.ConversationServiceApi.GitCredentials;
import dev.gantry.worker.client.ConversationServiceClient;
import dev.gantry.worker.sandbox.RuntimeClient;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation's access to its repository: the credentials conversation-service answers for it, read once when
 * first needed and kept for the conversation's life on this worker (a worker that takes over reads them again).
 * The token goes to the sandbox's runtime in request bodies only, and is masked in every event.
 */
public final class RepositoryAccess {

    private final UUID conversationId;
    private final ConversationServiceClient conversations;
    private GitCredentials credentials;
    private String failure;

    public RepositoryAccess(UUID conversationId, ConversationServiceClient conversations) {
        this.conversationId = conversationId;
        this.conversations = conversations;
    }

    /** The credentials, or empty when they cannot be read ({@link #failure()} says why). */
    public Optional<GitCredentials> credentials() {
        if (credentials == null && failure == null) {
            try {
                credentials = conversations.gitCredentials(conversationId);
            } catch (RuntimeException e) {
                if (!(e instanceof WebApplicationException answered && ConversationServiceClient.refusal(answered))) {
                    // unreachable, failed or starting, after the retries: not kept, the next step asks again
                    return Optional.empty();
                }
                failure = answered.getResponse().getStatus() == 404 ? "the conversation names no repository"
                        : "the repository's git connection is missing (it was removed): reconnect the host";
            }
        }
        return Optional.ofNullable(credentials);
    }

    /** Why the credentials could not be read. */
    public String failure() {
        return failure != null ? failure : "conversation-service did not answer the repository's credentials";
    }

    /** The token, for the masker; empty before the credentials are read. */
    public Optional<String> token() {
        return Optional.ofNullable(credentials).map(GitCredentials::token);
    }

    /** Gives a runtime the token again, when one started again (a resumed sandbox) forgot it. */
    public void supply(RuntimeClient runtime) throws InterruptedException {
        if (credentials != null) {
            runtime.gitCredentials(new RuntimeClient.CloneRequest(credentials.cloneUrl(), credentials.username(),
                    credentials.token(), null, null, null, null, null));
        }
    }
}
