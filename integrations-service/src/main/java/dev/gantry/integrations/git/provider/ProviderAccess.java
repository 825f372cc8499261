package dev.gantry.integrations.git.provider;

import dev.gantry.contracts.git.GitProvider;

/** One user's access to one git host: where its API is and the token it takes. {@link #toString()} hides the token. */
public record ProviderAccess(GitProvider provider, String host, String apiUrl, String token) {

    @Override
    public String toString() {
        return "ProviderAccess[" + provider.wireName() + " at " + host + "]";
    }
}
