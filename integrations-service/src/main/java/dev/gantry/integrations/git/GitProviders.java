package dev.gantry.integrations.git;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.git.provider.BitbucketApi;
import dev.gantry.integrations.git.provider.GitHubApi;
import dev.gantry.integrations.git.provider.GitLabApi;
import dev.gantry.integrations.git.provider.GitProviderApi;
import jakarta.enterprise.context.ApplicationScoped;

/** The REST API client of each provider. */
@ApplicationScoped
public class GitProviders {

    private final GitHubApi github;
    private final GitLabApi gitlab;
    private final BitbucketApi bitbucket;

    GitProviders(GitHubApi github, GitLabApi gitlab, BitbucketApi bitbucket) {
        this.github = github;
        this.gitlab = gitlab;
        this.bitbucket = bitbucket;
    }

    public GitProviderApi of(GitProvider provider) {
        return switch (provider) {
            case GITHUB -> github;
            case GITLAB -> gitlab;
            case BITBUCKET -> bitbucket;
        };
    }
}
