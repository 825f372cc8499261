package dev.gantry.integrations.git;

import dev.gantry.integrations.client.GitStoreApi;
import dev.gantry.integrations.git.provider.BranchSummary;
import dev.gantry.integrations.git.provider.GitIdentity;
import dev.gantry.integrations.git.provider.GitProviderException;
import dev.gantry.integrations.git.provider.Listing;
import dev.gantry.integrations.git.provider.ProviderAccess;
import dev.gantry.integrations.git.provider.RepositorySummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What a user's connection shows: its identity, its repositories and their branches, page by page. */
@ApplicationScoped
public class GitBrowser {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){1,19}");

    private final GitConnections connections;
    private final GitProviders providers;

    GitBrowser(GitConnections connections, GitProviders providers) {
        this.connections = connections;
        this.providers = providers;
    }

    public GitIdentity identity(String userId, String host) {
        GitStoreApi.Connection connection = connections.connection(userId, host);
        return call(connection, access -> providers.of(connection.provider()).identity(access), userId);
    }

    public GitPage<RepositorySummary> repositories(String userId, String host, String query, String pageId, int limit) {
        GitStoreApi.Connection connection = connections.connection(userId, host);
        String pageUrl = PageIds.decode(pageId, connection.apiUrl());
        Listing<RepositorySummary> listing = call(connection, access -> providers.of(connection.provider())
                .repositories(access, blankToNull(query), limit, pageUrl), userId);
        return new GitPage<>(listing.items(), PageIds.encode(listing.nextUrl()));
    }

    public GitPage<BranchSummary> branches(String userId, String host, String repository, String query, String pageId,
            int limit) {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw GitRequestException.invalid("repository", "must be owner/name");
        }
        GitStoreApi.Connection connection = connections.connection(userId, host);
        String pageUrl = PageIds.decode(pageId, connection.apiUrl());
        Listing<BranchSummary> listing = call(connection, access -> providers.of(connection.provider())
                .branches(access, repository, blankToNull(query), limit, pageUrl), userId);
        return new GitPage<>(listing.items(), PageIds.encode(listing.nextUrl()));
    }

    private <T> T call(GitStoreApi.Connection connection, Function<ProviderAccess, T> work, String userId) {
        try {
            return work.apply(connections.access(userId, connection));
        } catch (GitProviderException e) {
            throw switch (e.kind()) {
                case TOKEN_REJECTED -> GitRequestException.tokenRejected("tokenSecretName", "the token of your "
                        + connection.host() + " connection: " + e.getMessage());
                case NOT_FOUND -> GitRequestException.notFound(e.getMessage());
                case REFUSED -> GitRequestException.invalid("query", e.getMessage());
                case UNAVAILABLE -> e;
            };
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
