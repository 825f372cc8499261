package dev.gantry.integrations.resolver;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.git.GitConnections;
import dev.gantry.integrations.git.GitProviders;
import dev.gantry.integrations.git.provider.ItemRef;
import dev.gantry.integrations.git.provider.ProviderAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The resolver's answers on the provider, posted as the configuration's user (their git connection to the host): a
 * comment when work starts, with a link to the conversation, and one at its end. They never mention the agent, so
 * they start nothing themselves.
 */
@ApplicationScoped
public class ProviderComments {

    private final GitConnections connections;
    private final GitProviders providers;
    private final ResolverConfig config;

    ProviderComments(GitConnections connections, GitProviders providers, ResolverConfig config) {
        this.connections = connections;
        this.providers = providers;
        this.config = config;
    }

    /** The access of the user's connection to the host. */
    ProviderAccess access(String userId, String host) {
        return connections.access(userId, connections.connection(userId, host));
    }

    void post(String userId, String host, String repository, ItemRef item, String body) {
        ProviderAccess access = access(userId, host);
        providers.of(access.provider()).comment(access, repository, item, body);
    }

    String conversationUrl(UUID conversationId) {
        return config.conversationUrl().replace("{conversationId}", conversationId.toString());
    }

    String started(UUID conversationId) {
        return "Gantry is working on this. Follow the conversation: " + conversationUrl(conversationId);
    }

    static String couldNotStart(String reason) {
        return "Gantry could not start working on this: " + reason;
    }

    static String openedPullRequest(GitProvider provider, String url) {
        return "Gantry opened a " + (provider == GitProvider.GITLAB ? "merge request" : "pull request") + ": " + url;
    }

    static String finished(String message) {
        return message == null || message.isBlank() ? "Gantry finished, with no pull request."
                : "Gantry finished, with no pull request:\n\n" + message.strip();
    }

    static String failed(String status, String reason) {
        return "Gantry stopped without finishing (" + status + ")" + (reason == null || reason.isBlank() ? "."
                : ": " + reason.strip());
    }
}
