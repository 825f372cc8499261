package dev.gantry.conversation.rest.dto;

import dev.gantry.contracts.git.GitProvider;

/**
 * What cloning and pushing a conversation's repository takes: where, with which token, as whom. The token is
 * never logged: {@link #toString()} leaves it out.
 *
 * @param repository the repository's path on its host, e.g. {@code acme/api}
 * @param branch     the branch the conversation asked for, or null for the default branch
 * @param cloneUrl   the URL git clones and pushes, without credentials
 * @param username   the user name git sends with the token
 */
public record GitCredentials(
        GitProvider provider,
        String host,
        String repository,
        String branch,
        String apiUrl,
        String cloneUrl,
        String username,
        String token,
        Identity identity) {

    /** Who commits: the connected account. */
    public record Identity(String login, String name, String email) {
    }

    @Override
    public String toString() {
        return "GitCredentials[provider=" + provider + ", host=" + host + ", repository=" + repository + "]";
    }
}
