package dev.gantry.integrations.resolver;

import dev.gantry.contracts.git.GitProvider;
import dev.gantry.integrations.resolver.ResolverStoreApi.Configuration;
import dev.gantry.platform.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Who may configure the resolver for what: a user for themselves, an admin for anyone. The configuration's user
 * must have a git connection to its host and the secret it names (conversation-service checks both).
 */
@ApplicationScoped
public class ResolverConfigurations {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,252})(:[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){1,20}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9_.-]{1,99}");
    private static final int LABEL_MAX = 100;

    private final ResolverStoreApi store;
    private final ResolverConfig config;

    ResolverConfigurations(@RestClient ResolverStoreApi store, ResolverConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The caller's configurations; every user's for an admin who asks. */
    public List<Configuration> list(Caller.User caller, boolean allUsers) {
        if (allUsers && !caller.admin()) {
            throw ResolverRequestException.forbidden("allUsers=true is for admins");
        }
        return StoreAnswers.await(store.list(allUsers ? null : caller.id()));
    }

    public Configuration create(Caller.User caller, ConfigurationRequest request) {
        if (request == null) {
            throw ResolverRequestException.invalid("body", "is required");
        }
        GitProvider provider = GitProvider.fromWire(request.provider()).orElseThrow(() -> ResolverRequestException.invalid(
                "provider", "must be one of github, gitlab, bitbucket"));
        String host = request.host() == null ? provider.publicHost() : request.host().strip().toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            throw ResolverRequestException.invalid("host", "must be a host name, with a port if any (no scheme or path)");
        }
        if (request.repository() == null || request.repository().length() > 500
                || !REPOSITORY.matcher(request.repository()).matches()) {
            throw ResolverRequestException.invalid("repository", "must be owner/name (GitLab: group/sub/name)");
        }
        String userId = request.userId() == null ? caller.id() : request.userId();
        if (!userId.equals(caller.id()) && !caller.admin()) {
            throw ResolverRequestException.forbidden("only an admin configures the resolver for another user");
        }
        if (request.webhookSecretName() == null || !SECRET_NAME.matcher(request.webhookSecretName()).matches()) {
            throw ResolverRequestException.invalid("webhookSecretName", "must name a secret of the configuration's user");
        }
        String label = request.label() == null ? config.label() : request.label().strip();
        if (label.isEmpty() || label.length() > LABEL_MAX) {
            throw ResolverRequestException.invalid("label", "must be 1 to " + LABEL_MAX + " characters");
        }
        String mention = request.mention() == null ? config.mention() : request.mention().strip();
        if (!MENTION.matcher(mention).matches()) {
            throw ResolverRequestException.invalid("mention", "must be @ and a name (letters, digits, _ . -)");
        }
        return StoreAnswers.await(store.create(new Configuration(null, userId, provider.wireName(), host,
                request.repository(), request.webhookSecretName(), label, mention, caller.id(), null)));
    }

    /** Removes a configuration of the caller's (any, for an admin); another user's is not found, as one that does not exist. */
    public void delete(Caller.User caller, UUID id) {
        Configuration existing = StoreAnswers.await(store.get(id));
        if (!existing.userId().equals(caller.id()) && !caller.admin()) {
            throw ResolverRequestException.notFound("resolver configuration '" + id + "' does not exist");
        }
        StoreAnswers.await(store.delete(id));
    }
}
