package dev.gantry.integrations.git.provider;

/**
 * What Gantry asks of a git provider's REST API. Each provider's own paging (Link headers, {@code next} URLs) is
 * answered as {@link Listing#nextUrl()}; a page URL handed back by the caller is one a provider answered before.
 */
public sealed interface GitProviderApi permits GitHubApi, GitLabApi, BitbucketApi {

    /** The account the token belongs to: the provider's current-user route. */
    GitIdentity identity(ProviderAccess access);

    /** The repositories the token may work on, most recently updated first, whose names contain the query if any. */
    Listing<RepositorySummary> repositories(ProviderAccess access, String query, int limit, String pageUrl);

    /** The branches of a repository, whose names match the query if any. */
    Listing<BranchSummary> branches(ProviderAccess access, String repository, String query, int limit, String pageUrl);

    /** The repository's default branch. */
    String defaultBranch(ProviderAccess access, String repository);

    OpenedPullRequest openPullRequest(ProviderAccess access, String repository, PullRequestDraft draft);

    /** The comments of an issue or pull request, oldest first (the first 100: a task needs no more). */
    java.util.List<ItemComment> comments(ProviderAccess access, String repository, ItemRef item);

    /** Posts a comment on an issue or pull request. */
    void comment(ProviderAccess access, String repository, ItemRef item, String body);

    /** The branch a pull request (merge request) comes from. */
    String pullRequestBranch(ProviderAccess access, String repository, long number);
}
