package dev.gantry.integrations.git;

import dev.gantry.integrations.client.GitStoreApi;
import dev.gantry.integrations.git.provider.GitProviderApi;
import dev.gantry.integrations.git.provider.GitProviderException;
import dev.gantry.integrations.git.provider.OpenedPullRequest;
import dev.gantry.integrations.git.provider.ProviderAccess;
import dev.gantry.integrations.git.provider.PullRequestDraft;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Opens the pull request a conversation's agent asks for, on its repository with its owner's connection, and
 * records it on the conversation.
 */
@ApplicationScoped
public class PullRequests {

    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
    private static final int TITLE_MAX = 256;
    private static final int BODY_MAX = 65_000;

    private final GitStoreApi store;
    private final GitProviders providers;

    PullRequests(@RestClient GitStoreApi store, GitProviders providers) {
        this.store = store;
        this.providers = providers;
    }

    public OpenedPullRequestAnswer open(UUID conversationId, PullRequestRequest request) {
        validate(request);
        GitStoreApi.Credentials credentials;
        try {
            credentials = store.credentials(conversationId).await().atMost(GitConnections.STORE_TIMEOUT);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw GitRequestException.notFound("conversation " + conversationId + " has no repository");
            }
            if (e.getResponse().getStatus() == 400) {
                throw GitRequestException.invalid("repository", "the conversation's git connection was removed");
            }
            throw e;
        }
        GitProviderApi api = providers.of(credentials.provider());
        ProviderAccess access = new ProviderAccess(credentials.provider(), credentials.host(), credentials.apiUrl(),
                credentials.token());
        boolean draft = Boolean.TRUE.equals(request.draft());
        try {
            String target = request.targetBranch() != null ? request.targetBranch()
                    : api.defaultBranch(access, credentials.repository());
            OpenedPullRequest opened = api.openPullRequest(access, credentials.repository(), new PullRequestDraft(
                    request.title().strip(), request.body(), request.sourceBranch(), target, draft));
            store.recordPullRequest(conversationId, new GitStoreApi.PullRequest(opened.url(), opened.number(),
                    request.sourceBranch(), target, draft, Instant.now())).await().atMost(GitConnections.STORE_TIMEOUT);
            Log.infof("conversation %s opened %s", conversationId, opened.url());
            return new OpenedPullRequestAnswer(opened.url(), opened.number(), credentials.provider(),
                    credentials.repository(), request.sourceBranch(), target, draft);
        } catch (GitProviderException e) {
            throw switch (e.kind()) {
                case TOKEN_REJECTED -> GitRequestException.tokenRejected("repository", e.getMessage());
                case NOT_FOUND -> GitRequestException.notFound(e.getMessage());
                case REFUSED -> GitRequestException.invalid("sourceBranch", e.getMessage());
                case UNAVAILABLE -> e;
            };
        }
    }

    private static void validate(PullRequestRequest request) {
        if (request == null) {
            throw GitRequestException.invalid("body", "is required");
        }
        if (request.title() == null || request.title().isBlank() || request.title().length() > TITLE_MAX) {
            throw GitRequestException.invalid("title", "is required, at most " + TITLE_MAX + " characters");
        }
        if (request.body() != null && request.body().length() > BODY_MAX) {
            throw GitRequestException.invalid("body", "is at most " + BODY_MAX + " characters");
        }
        if (request.sourceBranch() == null || !BRANCH.matcher(request.sourceBranch()).matches()) {
            throw GitRequestException.invalid("sourceBranch", "is required: the name of a branch you pushed");
        }
        if (request.targetBranch() != null && !BRANCH.matcher(request.targetBranch()).matches()) {
            throw GitRequestException.invalid("targetBranch", "must be a branch name");
        }
    }
}
